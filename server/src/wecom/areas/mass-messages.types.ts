/**
 * Request and response shapes of the mass message (群发) APIs: add_msg_template and its records, tasks, results, reminders and cancellation.
 * WeCom's own field names (snake_case, as on developer.work.weixin.qq.com); optional = WeCom may omit it.
 */
import type { WecomBaseResponse } from '../wecom.types';
import type { MessageAttachment } from './message-attachment.types';

export interface AddMsgTemplateRequest {
  chat_type?: 'single' | 'group';
  external_userid?: string[];
  chat_id_list?: string[];
  tag_filter?: { group_list: Array<{ tag_list: string[] }> };
  sender?: string;
  allow_select?: boolean;
  text?: { content: string };
  attachments?: MessageAttachment[];
}

export interface AddMsgTemplateResponse extends WecomBaseResponse {
  fail_list?: string[];
  msgid: string;
}

export interface GetGroupMsgListV2Request {
  chat_type: 'single' | 'group';
  start_time: number;
  end_time: number;
  creator?: string;
  /** 0 corp, 1 personal, 2 both. */
  filter_type?: number;
  limit?: number;
  cursor?: string;
}

export interface GroupMsgRecord {
  msgid: string;
  creator?: string;
  create_time: string | number;
  /** 0 corp, 1 personal. */
  create_type: number;
  text?: { content: string };
  attachments?: MessageAttachment[];
}

export interface GetGroupMsgListV2Response extends WecomBaseResponse {
  next_cursor?: string;
  group_msg_list: GroupMsgRecord[];
}

export interface GetGroupMsgTaskRequest {
  msgid: string;
  limit?: number;
  cursor?: string;
}

export interface GetGroupMsgTaskResponse extends WecomBaseResponse {
  next_cursor?: string;
  /** status: 0 not sent, 2 sent. */
  task_list: Array<{ userid: string; status: number; send_time?: number }>;
}

export interface GetGroupMsgSendResultRequest {
  msgid: string;
  userid: string;
  limit?: number;
  cursor?: string;
}

export interface GetGroupMsgSendResultResponse extends WecomBaseResponse {
  next_cursor?: string;
  /** status: 0 not sent, 1 sent, 2 not a friend, 3 receive limit reached. */
  send_list: Array<{
    external_userid?: string;
    chat_id?: string;
    userid: string;
    status: number;
    send_time?: number;
  }>;
}
