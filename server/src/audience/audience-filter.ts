/**
 * The audience filter: one JSON document that says which customers a list, a bulk tagging job, a
 * CSV export, a broadcast or a moment is for. Saved as a named segment (客户分群). Every field is
 * optional; the fields present are combined with AND; an empty filter is every customer of the
 * corp with at least one relation in `relationStatus` (default: active).
 *
 * This file is the contract between the audience module (which evaluates it) and its users
 * (tags' bulk jobs, exports, broadcasts, moments, the console's filter builder).
 */
export type TagConditionOp = 'any' | 'all' | 'none';

/** One group of tag conditions: the customer's effective tags (union over their relations). */
export interface TagCondition {
  op: TagConditionOp;
  /** WeCom tag ids (`et…`). */
  tagIds: string[];
}

export type AudienceRelationStatus = 'active' | 'deleted_by_customer' | 'deleted_by_staff';

export interface AudienceFilter {
  /** Tag condition groups, each must hold (AND over the groups). */
  tags?: TagCondition[];
  /** Followed by one of these staff (userids), through a relation in `relationStatus`. */
  staffUserIds?: string[];
  /** Followed by staff in one of these departments, sub-departments included. */
  departmentIds?: number[];
  /** Brought by one of these channels (channel ids). */
  channelIds?: string[];
  /** Relation added at or after (ISO 8601). */
  addedFrom?: string;
  /** Relation added before (ISO 8601). */
  addedTo?: string;
  /** 0 unknown, 1 male, 2 female. */
  genders?: number[];
  /** 1 WeChat user, 2 WeCom user. */
  customerTypes?: number[];
  /** Default `['active']`. */
  relationStatus?: AudienceRelationStatus[];
  /** Member of one of these customer groups (chat ids); `none: true` = member of no group. */
  groups?: { chatIds?: string[]; none?: boolean };
  /** Last chat interaction (chat archive) at or after / before (ISO 8601). */
  lastChatFrom?: string;
  lastChatTo?: string;
  /** Substring search on name, relation remark and description (not prefix-only). */
  search?: string;
}

/** One recipient of a broadcast: the customer and the one staff member who sends to them. */
export interface AudienceRecipient {
  externalUserId: string;
  /** The sender: see AudienceService.streamRecipients for the rule. */
  userId: string;
}

/**
 * What the audience module offers (implemented by `AudienceService`, exported by
 * `AudienceModule`):
 *
 * - `count(corpId, filter): Promise<number>` distinct customers.
 * - `page(corpId, filter, { cursor?, limit }): Promise<{ items, nextCursor }>` keyset pages in a
 *   stable sort (newest added first, then id).
 * - `streamExternalUserIds(corpId, filter, batchSize = 1000): AsyncIterable<string[]>` in bounded
 *   memory, for jobs.
 * - `streamRecipients(corpId, filter, { senderUserIds?, batchSize? }): AsyncIterable<AudienceRecipient[]>`
 *   each customer once, with one sender: among the customer's active relations (restricted to
 *   `senderUserIds` when given), the one added most recently (ties: smallest userid).
 * - `streamRelations(corpId, filter, batchSize): AsyncIterable<{ externalUserId, userId }[]>`
 *   every matching active relation (for bulk marks, which WeCom keeps per relation).
 */
export const AUDIENCE_FILTER_CONTRACT = 1;
