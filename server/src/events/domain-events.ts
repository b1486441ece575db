/**
 * The domain events: what one module tells the others after it has committed a change. Each
 * event is named for what happened, in the past tense, and carries everything a listener needs
 * (listeners do not read the emitter's tables). The catalogue and the rules are in
 * docs/architecture.md ("Domain events").
 */

/** A corp was registered in the installation (corps/). */
export interface CorpCreated {
  corpId: string;
}

/** A staff member left the corp: a `delete_user` event, or user/get found them gone (staff/). */
export interface StaffDeparted {
  corpId: string;
  userId: string;
  departedAt: Date;
  /** What found it: the change_contact event, or a refresh (full sync, a later event). */
  via: 'delete_user' | 'refresh';
}

/**
 * WeCom changed a userid (`update_user` with NewUserID). The staff row is already renamed;
 * each owner renames the userid in its own tables (idempotently: it may be delivered twice).
 */
export interface StaffUserIdRenamed {
  corpId: string;
  oldUserId: string;
  newUserId: string;
}

/** A follow relation became active: an add event, or a full sync found it (customers/). */
export interface RelationAdded {
  corpId: string;
  externalUserId: string;
  userId: string;
  /** The contact way's state (a channel's, another tool's), when WeCom gave one. */
  state: string | null;
  /** The channel the add was attributed to, in the same transaction. */
  channelId: string | null;
  addedAt: Date | null;
  via: 'event' | 'sync';
}

/** Who ended a relation, as WeCom tells it. */
export type RelationRemovedBy = 'staff' | 'customer' | 'transfer';

/** A follow relation ended (customers/). */
export interface RelationRemoved {
  corpId: string;
  externalUserId: string;
  userId: string;
  /** `staff`: the member deleted the customer; `customer`: the customer deleted the member. */
  removedBy: RelationRemovedBy;
  removedAt: Date;
}

/** A relation's tag marks changed in the mirror (tags/, or the customers mirror's snapshot). */
export interface TagsChanged {
  corpId: string;
  externalUserId: string;
  userId: string;
  added: string[];
  removed: string[];
  /** The source of the added marks (see TagMarkService). */
  source: string;
}

/**
 * WeCom reported that a handover to `takeoverUserId` failed (`transfer_fail`: the customer
 * refused, or the successor's customer limit was reached). Which handover it belongs to is the
 * listener's to find (customers/ emits it; transfers/ matches it).
 */
export interface CustomerTransferFailed {
  corpId: string;
  externalUserId: string;
  takeoverUserId: string;
  /** `customer_refused` or `customer_limit_exceed`. */
  failReason: string | null;
  at: Date;
}

/** Event name → payload: the one list the bus, the decorator and the docs agree on. */
export interface DomainEventMap {
  CorpCreated: CorpCreated;
  StaffDeparted: StaffDeparted;
  StaffUserIdRenamed: StaffUserIdRenamed;
  RelationAdded: RelationAdded;
  RelationRemoved: RelationRemoved;
  TagsChanged: TagsChanged;
  CustomerTransferFailed: CustomerTransferFailed;
}

export type DomainEventName = keyof DomainEventMap;

export const DOMAIN_EVENT_NAMES: readonly DomainEventName[] = [
  'CorpCreated',
  'StaffDeparted',
  'StaffUserIdRenamed',
  'RelationAdded',
  'RelationRemoved',
  'TagsChanged',
  'CustomerTransferFailed',
];
