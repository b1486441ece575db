/**
 * Request and response shapes of the customer (客户) APIs: externalcontact/get_follow_user_list, list, get, batch/get_by_user, remark.
 * WeCom's own field names (snake_case, as on developer.work.weixin.qq.com); optional = WeCom may omit it.
 */
import type { WecomBaseResponse } from '../wecom.types';

export interface ExternalContact {
  external_userid: string;
  name: string;
  position?: string;
  avatar?: string;
  corp_name?: string;
  corp_full_name?: string;
  /** 1 WeChat user, 2 WeCom user. */
  type: number;
  /** 0 unknown, 1 male, 2 female. */
  gender?: number;
  unionid?: string;
  external_profile?: unknown;
}

export interface FollowUserTag {
  group_name?: string;
  tag_name?: string;
  tag_id?: string;
  /** 1 corp tag, 2 user tag, 3 rule-group tag. */
  type: number;
}

/** A member following the customer, as in externalcontact/get `follow_user[]`. */
export interface FollowUser {
  userid: string;
  remark?: string;
  description?: string;
  createtime: number;
  tags?: FollowUserTag[];
  remark_corp_name?: string;
  remark_mobiles?: string[];
  oper_userid?: string;
  add_way?: number;
  state?: string;
  wechat_channels?: { nickname?: string; source?: number };
}

/** As in batch/get_by_user `follow_info`: tag ids only. */
export interface FollowInfo {
  userid: string;
  remark?: string;
  description?: string;
  createtime: number;
  tag_id?: string[];
  remark_corp_name?: string;
  remark_mobiles?: string[];
  oper_userid?: string;
  add_way?: number;
  state?: string;
}

export interface FollowUserListResponse extends WecomBaseResponse {
  follow_user: string[];
}

export interface ExternalContactListResponse extends WecomBaseResponse {
  external_userid: string[];
}

export interface ExternalContactGetResponse extends WecomBaseResponse {
  external_contact: ExternalContact;
  follow_user: FollowUser[];
  /** Set when the customer has more than 500 follow users. */
  next_cursor?: string;
}

export interface BatchGetByUserRequest {
  /** ≤100 members. */
  userid_list: string[];
  cursor?: string;
  /** ≤100, default 50. */
  limit?: number;
}

export interface BatchCustomer {
  external_contact: ExternalContact;
  follow_info: FollowInfo;
}

export interface BatchGetByUserResponse extends WecomBaseResponse {
  external_contact_list: BatchCustomer[];
  next_cursor?: string;
  /** Members whose customers could not be read (e.g. no permission). */
  fail_info?: { unlicensed_userid_list?: string[] };
}

export interface RemarkRequest {
  userid: string;
  external_userid: string;
  remark?: string;
  description?: string;
  remark_company?: string;
  remark_mobiles?: string[];
  remark_pic_mediaid?: string;
}
