import { randomBytes } from 'node:crypto';

/**
 * WeCom global error codes used by the sandbox (DW 90313 全局错误码; the Chinese text in the
 * comments is the official description). errmsg strings follow the English shape WeCom
 * returns, e.g. `not external contact, hint: [...], from ip: ..., more info at
 * https://open.work.weixin.qq.com/devtool/query?e=84061`. Clients must match on errcode only.
 */
export const ERRMSG: Record<number, string> = {
  [-1]: 'system busy', // 系统繁忙
  0: 'ok',
  40001: 'invalid credential, access_token is invalid or not latest', // 不合法的secret参数
  40003: 'invalid userid', // 无效的UserID
  40004: 'invalid media type', // 不合法的媒体文件类型
  40005: 'invalid type', // 不合法的type参数
  40006: 'invalid file size', // 不合法的文件大小
  40009: 'invalid image size', // 上传图片大小不是有效值
  40007: 'invalid media_id', // 不合法的media_id参数
  40013: 'invalid corpid', // 不合法的CorpID
  40014: 'invalid access_token', // 不合法的access_token
  40029: 'invalid code', // 不合法的oauth_code
  40031: 'invalid userid list', // 不合法的UserID列表
  40050: 'chatid not found', // chatid不存在
  40058: 'invalid Request Parameter', // 不合法的参数
  40063: 'some parameters are empty', // 参数为空
  40068: 'invalid tagid', // 不合法的标签ID
  40071: 'tag name already exists', // 不合法的标签名字（已经存在）
  40072: 'invalid tag name length', // 不合法的标签名字长度
  40088: 'invalid jobid', // jobid不存在
  40096: 'invalid external userid', // 不合法的外部联系人userid
  40097: 'user has not resigned', // 该成员尚未离职
  40126: 'corp tag count exceeds limit', // 企业标签个数达到上限，最多为3000个
  40128: 'customer transfer too frequently', // 客户转接过于频繁
  40129: 'customer is being transferred', // 当前客户正在转接中
  40130: 'handover and takeover user are the same', // 原跟进人与接手人一样，不可继承
  40131: 'handover_userid is not the follow user of the external contact', // 并不是跟进人
  41001: 'access_token missing', // 缺少access_token参数
  41002: 'corpid missing', // 缺少corpid参数
  41004: 'corpsecret missing', // 缺少secret参数
  41008: 'missing code', // 缺少auth code参数
  41009: 'missing userid', // 缺少userid参数
  41019: 'missing department', // 缺少 department 参数
  41035: 'missing external userid', // 缺少外部联系人userid参数
  41037: 'missing contact way type', // 缺少「联系我」type参数
  41038: 'missing contact way scene', // 缺少「联系我」scene参数
  41039: 'invalid contact way type', // 无效的「联系我」type参数
  41040: 'invalid contact way scene', // 无效的「联系我」scene参数
  41041: 'contact way user count exceeds limit', // 「联系我」使用人数超过限制
  41042: 'invalid contact way style', // 无效的「联系我」style参数
  41043: 'missing contact way config_id', // 缺少「联系我」config_id参数
  41044: 'invalid contact way config_id', // 无效的「联系我」config_id参数
  41045: 'contact way count exceeds limit', // API添加「联系我」达到数量上限
  41046: 'missing msgid', // 缺少企业群发消息id
  41047: 'invalid msgid', // 无效的企业群发消息id
  41048: 'no external contact to send', // 无可发送的客户
  41049: 'missing welcome code', // 缺少欢迎语code参数
  41050: 'invalid welcome code', // 无效的欢迎语code（20秒内有效）
  41051: 'externaluser has started chatting', // 客户和服务人员已经开始聊天了
  41059: 'missing moment_id', // 缺少moment_id参数
  41060: 'invalid moment_id', // 不合法的moment_id参数
  41063: 'group msg is being dispatched, retry later', // 群发消息正在被派发中
  41065: 'invalid attachment type', // 无效的附件类型
  41072: 'invalid attachment media size', // 附件大小、分辨率或类型不合法 (upload_attachment)
  41093: 'group msg has been canceled', // 群发任务已取消
  41094: 'remind group msg too frequently', // 群发提醒超过频率限制
  42001: 'access_token expired', // access_token已过期
  44001: 'empty media data', // 多媒体文件为空
  44004: 'empty content', // 文本消息content参数为空
  45001: 'media size out of limit', // 多媒体文件大小超过限制
  45009: 'api freq out of limit', // 接口调用超过限制
  48001: 'api unauthorized', // API功能未授权
  48002: 'api forbidden', // API接口无权限调用
  60003: 'department not found', // 部门ID不存在
  60111: 'userid not found', // UserID不存在
  60123: 'invalid party id', // 无效的部门id
  60020: 'not allow to access from your ip', // 不安全的访问IP (企业可信IP)
  81011: 'no privilege to access/modify tag', // 无权限操作标签 (a tag the app did not create)
  84061: 'not external contact', // 不存在外部联系人的关系
  84074: 'require in external contact', // 没有外部联系人权限
  90500: 'the group chat owner has not resigned', // 群主并未离职
  90501: 'not a customer group chat', // 该群不是客户群
  90502: 'the group chat owner has resigned', // 群主已经离职
  90504: 'the group chat owner is not changed', // 群主没变
  90507: 'the group chat is being transferred', // 离职群正在继承处理中
  91040: 'invalid ticket type', // 获取ticket的类型无效
};

export class WecomError extends Error {
  constructor(
    public readonly errcode: number,
    public readonly detail?: string,
    public readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? ERRMSG[errcode] ?? `errcode ${errcode}`);
  }
}

/** Throwing helper: `fail(40058, 'state exceed max length 30')`. */
export function fail(errcode: number, detail?: string, extra?: Record<string, unknown>): never {
  throw new WecomError(errcode, detail, extra);
}

let hintCounter = 0;

/** errmsg in WeCom's shape. `detail` is prefixed the way WeCom does for 40058. */
export function formatErrmsg(errcode: number, detail?: string, ip = '127.0.0.1'): string {
  if (errcode === 0) return 'ok';
  const base = ERRMSG[errcode] ?? 'unknown error';
  const text =
    !detail || detail === base
      ? base
      : detail.toLowerCase().includes(base.toLowerCase())
        ? detail
        : `${detail}. ${base}`;
  hintCounter = (hintCounter + 1) % 1000;
  const hint = `${Math.floor(Date.now() / 1000)}_${hintCounter}_${randomBytes(8).toString('hex')}`;
  return `${text}, hint: [${hint}], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
}

export function errorBody(
  errcode: number,
  detail?: string,
  ip?: string,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  return { errcode, errmsg: formatErrmsg(errcode, detail, ip), ...(extra ?? {}) };
}
