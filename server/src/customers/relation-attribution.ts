import type { MirrorTx } from './mirror-transaction.repository';

/** An add the mirror is applying, as the attribution needs it (from the add event). */
export interface AddToAttribute {
  externalUserId: string;
  userId: string;
  /** The contact way's State (non-empty). */
  state: string;
  eventId: string;
  changeType: string;
  /** WeCom CreateTime (unix s). */
  createTime: number;
  welcomeCode: string | null;
  receivedAt: Date;
  /** The customer's name as WeCom reported it with the add (for a remark template). */
  customerName: string | null;
}

/** What the add means for the relation: written by the mirror in its own transaction. */
export interface AddAttribution {
  /** The add it answers. */
  add: AddToAttribute;
  channelId: string;
  channelName: string;
  /** Tags marked with source `channel` (evidence: the channel). */
  tagIds: string[];
  /** The remark the channel sets in WeCom (its template rendered), when it has one. */
  remark: string | null;
  /** Dedupe key of the add's `channel_added` timeline entry. */
  dedupeKey: string;
}

/**
 * The port through which the customers mirror asks who brought an add (a channel's State), in
 * the mirror's transaction: channels/ implements it (ChannelAttributionService). `attribute`
 * only reads (it must not lock anything the welcome path writes: the mirror's transaction may be
 * long); `committed` is told what the mirror committed, after the commit, for the implementer's
 * own bookkeeping. Provided under RELATION_ATTRIBUTION; without a provider nothing is attributed.
 */
export interface RelationAttribution {
  /** One attribution per `pairKey(externalUserId, userId)` of the adds that are a channel's. */
  attribute(
    tx: MirrorTx,
    corpId: string,
    adds: AddToAttribute[],
  ): Promise<Map<string, AddAttribution>>;
  /** After the mirror's commit (a failure is logged, not retried: bookkeeping only). */
  committed(corpId: string, attributed: AddAttribution[]): Promise<void>;
}

export const RELATION_ATTRIBUTION = Symbol('RelationAttribution');
