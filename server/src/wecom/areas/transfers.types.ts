/**
 * Request and response shapes of the transfer (在职/离职继承) APIs, customers and group chats.
 * WeCom's own field names (snake_case, as on developer.work.weixin.qq.com); optional = WeCom may omit it.
 */
import type { WecomBaseResponse } from '../wecom.types';

export interface TransferCustomerRequest {
  handover_userid: string;
  takeover_userid: string;
  /** ≤100. */
  external_userid: string[];
  /** 在职继承 only, ≤200 characters. */
  transfer_success_msg?: string;
}

export interface TransferCustomerResponse extends WecomBaseResponse {
  customer: Array<{ external_userid: string; errcode: number }>;
}

export interface TransferResultRequest {
  handover_userid: string;
  takeover_userid: string;
  cursor?: string;
}

export interface TransferResultResponse extends WecomBaseResponse {
  customer: Array<{
    external_userid: string;
    /** 1 done, 2 waiting, 3 refused, 4 takeover limit reached, 5 no transfer record. */
    status: number;
    takeover_time?: number;
  }>;
  next_cursor?: string;
}

export interface GetUnassignedListRequest {
  cursor?: string;
  /** Older paging (page_id × page_size); prefer cursor. */
  page_id?: number;
  /** ≤1000. */
  page_size?: number;
}

export interface GetUnassignedListResponse extends WecomBaseResponse {
  info: Array<{ handover_userid: string; external_userid: string; dimission_time: number }>;
  is_last?: boolean;
  next_cursor?: string;
}

export interface GroupChatTransferRequest {
  /** 1..100. */
  chat_id_list: string[];
  new_owner: string;
}

export interface GroupChatTransferResponse extends WecomBaseResponse {
  failed_chat_list?: Array<{ chat_id: string; errcode: number; errmsg: string }>;
}
