import type { AudienceFilter } from '../audience/audience-filter';

/** 客户群发 (to customers) or 客户群群发 (to customer groups). */
export type BroadcastKind = 'customers' | 'groups';

/**
 * scheduled → planning → dispatching → sent (every task created: staff confirm in WeCom) →
 * completed (every task final) | expired (not confirmed within the window); canceled at any
 * point; failed when nothing could be created.
 */
export type BroadcastState =
  | 'scheduled'
  | 'planning'
  | 'dispatching'
  | 'sent'
  | 'completed'
  | 'expired'
  | 'canceled'
  | 'failed';

export const OPEN_STATES: BroadcastState[] = ['scheduled', 'planning', 'dispatching', 'sent'];

/** Where a customer broadcast's recipients come from. */
export type CustomerAudience =
  | { type: 'segment'; segmentId: string }
  | { type: 'filter'; filter: AudienceFilter }
  | { type: 'list'; externalUserIds: string[] };

/** Which groups a group broadcast goes to (AND of the fields given). */
export interface GroupAudience {
  type: 'groups';
  ownerUserIds?: string[];
  nameContains?: string;
  /** Owner's department (sub-departments included). */
  ownerDepartmentIds?: number[];
  chatIds?: string[];
}

export type BroadcastAudience = CustomerAudience | GroupAudience;

/** An attachment as composed: media by asset id (uploaded to WeCom at send time). */
export type BroadcastAttachment =
  | { type: 'image'; assetId: string }
  | { type: 'video'; assetId: string }
  | { type: 'file'; assetId: string }
  | { type: 'link'; title: string; url: string; desc?: string; picUrl?: string }
  | { type: 'miniprogram'; title: string; appId: string; page: string; picAssetId: string };

/** The corp's per-customer receive limit, as set in WeCom (企业微信管理后台 → 客户联系 → 群发). */
export type ReceiveLimit = 'day' | 'week' | 'month';

/**
 * A recipient's status: WeCom's (get_groupmsg_send_result) 0 未发送, 1 已发送, 2 不是好友,
 * 3 已收到其他群发; the SCRM's 10 left out at planning (receive limit reached), 11 in WeCom's
 * fail_list when the task was created.
 */
export const RecipientStatus = {
  Pending: 0,
  Sent: 1,
  NotFriend: 2,
  LimitReached: 3,
  Excluded: 10,
  Refused: 11,
} as const;

/** A task's state: planned → attempting (call made) → created (msgid) | failed (WeCom refused). */
export type TaskState = 'planned' | 'attempting' | 'created' | 'failed';

/** add_msg_template's limits (DW 92135). */
export const MAX_CUSTOMERS_PER_TASK = 10_000;
export const MAX_GROUPS_PER_TASK = 2_000;
export const MAX_TEXT_BYTES = 4_000;
export const MAX_ATTACHMENTS = 9;
export const MAX_LIST_SIZE = 100_000;
