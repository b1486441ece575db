/**
 * Request and response shapes of app messages to members (应用消息, `message/send`, DW 90236).
 * WeCom's own field names (snake_case, as on developer.work.weixin.qq.com); optional = WeCom may omit it.
 */
import type { WecomBaseResponse } from '../wecom.types';

interface AppMessageBase {
  /** userids joined by `|` (≤1000), or `@all`. touser, toparty and totag are not all empty. */
  touser?: string;
  /** department ids joined by `|` (≤100). */
  toparty?: string;
  /** tag ids joined by `|` (≤100). */
  totag?: string;
  agentid: number;
  /** 1 = userids in the content are shown as names. */
  enable_id_trans?: 0 | 1;
  enable_duplicate_check?: 0 | 1;
  /** Seconds, default 1800, at most 4 h. */
  duplicate_check_interval?: number;
}

export type SendAppMessageRequest = AppMessageBase &
  (
    | { msgtype: 'text'; text: { content: string }; safe?: 0 | 1 }
    | { msgtype: 'markdown'; markdown: { content: string } }
    | {
        msgtype: 'textcard';
        textcard: { title: string; description: string; url: string; btntxt?: string };
      }
  );

/** Partial failures come back here with errcode 0; all recipients invalid is errcode 81013. */
export interface SendAppMessageResponse extends WecomBaseResponse {
  invaliduser?: string;
  invalidparty?: string;
  invalidtag?: string;
  unlicenseduser?: string;
  /** For message/recall within 24 h. */
  msgid: string;
  /** For updating a template card within 72 h. */
  response_code?: string;
}
