/**
 * Request and response shapes of the customer group (客户群) APIs: groupchat/list and groupchat/get.
 * WeCom's own field names (snake_case, as on developer.work.weixin.qq.com); optional = WeCom may omit it.
 */
import type { WecomBaseResponse } from '../wecom.types';

export interface GroupChatListRequest {
  /** 0 all, 1 departed owners only. */
  status_filter?: number;
  owner_filter?: { userid_list: string[] };
  cursor?: string;
  /** 1..1000. */
  limit: number;
}

export interface GroupChatListResponse extends WecomBaseResponse {
  group_chat_list: Array<{ chat_id: string; status: number }>;
  next_cursor?: string;
}

export interface GroupChatMember {
  userid: string;
  /** 1 member, 2 external contact. */
  type: number;
  unionid?: string;
  join_time: number;
  /** 1 invited directly, 2 invite link, 3 QR code. */
  join_scene: number;
  invitor?: { userid: string };
  group_nickname?: string;
  name?: string;
}

export interface GroupChat {
  chat_id: string;
  name?: string;
  owner: string;
  create_time: number;
  notice?: string;
  member_list: GroupChatMember[];
  admin_list?: Array<{ userid: string }>;
  member_version?: string;
}

export interface GroupChatGetResponse extends WecomBaseResponse {
  group_chat: GroupChat;
}
