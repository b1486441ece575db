import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

export enum MomentErrorCode {
  NotFound = 'MOMENT_NOT_FOUND',
  /** Content or visible range WeCom would refuse, found before calling it (field → sentences). */
  Invalid = 'MOMENT_INVALID',
  /** Edit or cancel of a moment that is no longer waiting for its time. */
  NotScheduled = 'MOMENT_NOT_SCHEDULED',
}

/** Moments' errcodes (DW 95094 and go-workwx), said as a manager would understand them. */
export const MOMENT_ERRCODE_SENTENCES: Record<number, string> = {
  40058:
    '企业微信认为内容或可见范围不合法（正文最多 2000 字，图片最多 9 张，视频、链接各 1 个且不能混用）',
  41059: '缺少 moment_id',
  41060: '朋友圈不存在（moment_id 无效）',
  41061: '成员不在这条朋友圈的发表范围内',
  41062: '可见范围无效',
  41065: '附件类型无效（只能是图片、视频或链接）',
  41067: '朋友圈的正文和附件不能都为空',
  41078: '同时进行的异步任务太多，请稍后再试',
  44004: '朋友圈的正文和附件不能都为空',
  48002: '应用没有客户联系的权限（检查「客户联系」secret 与可调用应用）',
};

export function momentErrcodeSentence(errcode: number, errmsg: string): string {
  const what = MOMENT_ERRCODE_SENTENCES[errcode] ?? '企业微信拒绝了这条朋友圈';
  return `${what}（errcode ${errcode}：${errmsg}）`;
}

export class MomentException extends AppException {
  static notFound(id: string): MomentException {
    return new MomentException(
      MomentErrorCode.NotFound,
      `朋友圈 ${id} 不存在`,
      HttpStatus.NOT_FOUND,
    );
  }

  /** `problems` maps a field (`attachments`, `visible.tagIds`, …) to sentences. */
  static invalid(problems: Record<string, string[]>): MomentException {
    return new MomentException(
      MomentErrorCode.Invalid,
      Object.values(problems).flat().join(' '),
      HttpStatus.BAD_REQUEST,
      problems,
    );
  }

  static notScheduled(state: string): MomentException {
    return new MomentException(
      MomentErrorCode.NotScheduled,
      `这条朋友圈已不在等待发布（状态：${state}），不能再修改或取消`,
      HttpStatus.CONFLICT,
    );
  }
}
