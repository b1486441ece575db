import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import { WecomApiException, WecomErrorCode } from '../wecom/wecom-api.exception';

export enum TagsErrorCode {
  /** A WeCom rule the change breaks, found before calling WeCom: `errors` names the field. */
  RuleBroken = 'TAG_RULE_BROKEN',
  NotFound = 'TAG_NOT_FOUND',
  /** WeCom refused for good: its errcode with a sentence (the mirror now holds WeCom's state). */
  WecomRefused = 'TAG_WECOM_REFUSED',
  /** WeCom could not be reached: the change is kept in the push log, to retry. */
  PushFailed = 'TAG_PUSH_FAILED',
  JobNotFound = 'TAG_JOB_NOT_FOUND',
  JobFinished = 'TAG_JOB_FINISHED',
  ImportInvalid = 'TAG_IMPORT_INVALID',
}

/** WeCom's sentences for the tag library (DW 96320), said as an operator would understand them. */
export const TAG_RULE_SENTENCES = {
  nameEmpty: '名称不能为空',
  nameTooLong: '名称最多 30 个字符（企业微信的限制）',
  tagNameTaken: (name: string) => `同一标签组内已有名为「${name}」的标签`,
  groupNameTaken: (name: string) => `已有名为「${name}」的标签组`,
  corpCap: (max: number) =>
    `企业标签数量已达上限：企业微信最多允许 ${max} 个企业标签（错误码 40126）`,
  notByApp:
    '这是在企业微信管理后台创建的标签，企业微信只允许应用修改或删除自己创建的标签：请在企业微信管理后台修改',
  groupNeedsTag: '标签组至少要有一个标签（企业微信不允许空标签组）',
  unknownTag: '标签不存在或已在企业微信中删除',
} as const;

/** The WeCom errcodes of the tag APIs, as sentences. */
const WECOM_SENTENCES: Record<number, string> = {
  40058: '参数不合法（名称最多 30 个字符）',
  40068: TAG_RULE_SENTENCES.unknownTag,
  40071: '名称已存在（同一组内标签名、企业内标签组名不可重复）',
  40072: TAG_RULE_SENTENCES.nameEmpty,
  40126: TAG_RULE_SENTENCES.corpCap(3000),
  81011: TAG_RULE_SENTENCES.notByApp,
  48002: '应用没有调用企业标签接口的权限（请使用可调用应用的自建应用 Secret）',
};

export class TagsException extends AppException {
  /** `problems` maps a field (`name`, `tags[1].name`, `id`) to sentences. */
  static rule(problems: Record<string, string[]>): TagsException {
    return new TagsException(
      TagsErrorCode.RuleBroken,
      Object.values(problems).flat().join('；'),
      HttpStatus.BAD_REQUEST,
      problems,
    );
  }

  static notFound(id: string): TagsException {
    return new TagsException(
      TagsErrorCode.NotFound,
      `${TAG_RULE_SENTENCES.unknownTag}（${id}）`,
      HttpStatus.NOT_FOUND,
    );
  }

  /** WeCom said no for good. */
  static wecomRefused(err: WecomApiException): TagsException {
    const sentence = WECOM_SENTENCES[err.errcode] ?? err.message;
    return new TagsException(
      TagsErrorCode.WecomRefused,
      `企业微信拒绝了这次修改：${sentence}（错误码 ${err.errcode}）；已按企业微信的当前状态刷新`,
      err.errcode === 81011 ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT,
    );
  }

  /** WeCom could not be reached (or was busy): stored in the push log as `pushId`. */
  static pushFailed(err: Error, pushId: string): TagsException {
    const unavailable = err instanceof WecomApiException && err.code === WecomErrorCode.Unavailable;
    return new TagsException(
      TagsErrorCode.PushFailed,
      `${unavailable ? '暂时无法连接企业微信' : '企业微信暂时繁忙'}：修改已记入推送记录 #${pushId}，可稍后重试`,
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }

  static jobNotFound(id: string): TagsException {
    return new TagsException(
      TagsErrorCode.JobNotFound,
      `批量任务 ${id} 不存在`,
      HttpStatus.NOT_FOUND,
    );
  }

  static jobFinished(id: string): TagsException {
    return new TagsException(
      TagsErrorCode.JobFinished,
      `批量任务 ${id} 已结束，不能再取消`,
      HttpStatus.CONFLICT,
    );
  }

  static importInvalid(message: string, field = 'csv'): TagsException {
    return new TagsException(TagsErrorCode.ImportInvalid, message, HttpStatus.BAD_REQUEST, {
      [field]: [message],
    });
  }
}
