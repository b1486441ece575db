/**
 * The WeCom callback events this SCRM understands, typed as WeCom names their fields (DW 92277,
 * 92130 / 96361 客户变更, 92130 客户群变更, 92696 企业客户标签变更, 90967-90972 通讯录变更; see
 * docs/callbacks.md and the design notes). Parsed from the decrypted XML by `parseWecomEvent`.
 *
 * The union is discriminated by `type` (`<Event>/<ChangeType>`); anything WeCom sends that is not
 * listed here, or that lacks a field WeCom documents as always present, is an `UnknownWecomEvent`:
 * stored and logged, never a crash.
 */

/** `Event` of the callbacks handled by the server. */
export enum Event {
  ChangeExternalContact = 'change_external_contact',
  ChangeExternalChat = 'change_external_chat',
  ChangeExternalTag = 'change_external_tag',
  ChangeContact = 'change_contact',
}

/** `ChangeType` of those events (create/update/delete are shared by chats and tags). */
export enum ChangeType {
  AddExternalContact = 'add_external_contact',
  EditExternalContact = 'edit_external_contact',
  AddHalfExternalContact = 'add_half_external_contact',
  DelExternalContact = 'del_external_contact',
  DelFollowUser = 'del_follow_user',
  TransferFail = 'transfer_fail',
  MsgAuditApproved = 'msg_audit_approved',
  Create = 'create',
  Update = 'update',
  Dismiss = 'dismiss',
  Delete = 'delete',
  Shuffle = 'shuffle',
  CreateUser = 'create_user',
  UpdateUser = 'update_user',
  DeleteUser = 'delete_user',
  CreateParty = 'create_party',
  UpdateParty = 'update_party',
  DeleteParty = 'delete_party',
  UpdateTag = 'update_tag',
}

/** The change types WeCom documents for each event. */
export const EVENT_CHANGE_TYPES = {
  [Event.ChangeExternalContact]: [
    ChangeType.AddExternalContact,
    ChangeType.EditExternalContact,
    ChangeType.AddHalfExternalContact,
    ChangeType.DelExternalContact,
    ChangeType.DelFollowUser,
    ChangeType.TransferFail,
    ChangeType.MsgAuditApproved,
  ],
  [Event.ChangeExternalChat]: [ChangeType.Create, ChangeType.Update, ChangeType.Dismiss],
  [Event.ChangeExternalTag]: [
    ChangeType.Create,
    ChangeType.Update,
    ChangeType.Delete,
    ChangeType.Shuffle,
  ],
  [Event.ChangeContact]: [
    ChangeType.CreateUser,
    ChangeType.UpdateUser,
    ChangeType.DeleteUser,
    ChangeType.CreateParty,
    ChangeType.UpdateParty,
    ChangeType.DeleteParty,
    ChangeType.UpdateTag,
  ],
} as const satisfies Record<Event, readonly ChangeType[]>;

/** The change types of one event. */
export type ChangeTypeOf<E extends Event> = (typeof EVENT_CHANGE_TYPES)[E][number];

/** The common envelope (DW 92277). */
export interface WecomEventEnvelope {
  /** The CorpID. */
  ToUserName: string;
  /** `sys` for system events. */
  FromUserName: string;
  /** Unix seconds. */
  CreateTime: number;
  /** `event`. */
  MsgType: string;
}

interface Known<E extends Event, C extends ChangeTypeOf<E>> extends WecomEventEnvelope {
  type: `${E}/${C}`;
  Event: E;
  ChangeType: C;
}

// ---------------------------------------------------------------- change_external_contact

interface ContactPair {
  /** The member (企业服务人员). For transfer_fail: the takeover member. */
  UserID: string;
  ExternalUserID: string;
}

export interface AddExternalContactEvent
  extends Known<Event.ChangeExternalContact, ChangeType.AddExternalContact>, ContactPair {
  /** The 联系我 / 获客链接 `state`, when the add came through one. */
  State?: string;
  /** For send_welcome_msg within 20 s; absent when WeCom will not accept a welcome. */
  WelcomeCode?: string;
}

export interface AddHalfExternalContactEvent
  extends Known<Event.ChangeExternalContact, ChangeType.AddHalfExternalContact>, ContactPair {
  State?: string;
  WelcomeCode?: string;
}

export interface EditExternalContactEvent
  extends Known<Event.ChangeExternalContact, ChangeType.EditExternalContact>, ContactPair {}

export interface DelExternalContactEvent
  extends Known<Event.ChangeExternalContact, ChangeType.DelExternalContact>, ContactPair {
  /** `DELETE_BY_TRANSFER` when 在职继承 removed the relation. */
  Source?: string;
}

export interface DelFollowUserEvent
  extends Known<Event.ChangeExternalContact, ChangeType.DelFollowUser>, ContactPair {}

export interface TransferFailEvent
  extends Known<Event.ChangeExternalContact, ChangeType.TransferFail>, ContactPair {
  /** `customer_refused` or `customer_limit_exceed`. */
  FailReason: string;
}

export interface MsgAuditApprovedEvent
  extends Known<Event.ChangeExternalContact, ChangeType.MsgAuditApproved>, ContactPair {
  WelcomeCode?: string;
}

/** Every field an external-contact event may carry (what each variant is assignable to). */
export interface ExternalContactEventFields extends ContactPair {
  State?: string;
  WelcomeCode?: string;
  Source?: string;
  FailReason?: string;
}

export type ExternalContactEvent =
  | AddExternalContactEvent
  | AddHalfExternalContactEvent
  | EditExternalContactEvent
  | DelExternalContactEvent
  | DelFollowUserEvent
  | TransferFailEvent
  | MsgAuditApprovedEvent;

// ---------------------------------------------------------------- change_external_chat

export interface ExternalChatCreateEvent extends Known<
  Event.ChangeExternalChat,
  ChangeType.Create
> {
  ChatId: string;
}

export interface ExternalChatUpdateEvent extends Known<
  Event.ChangeExternalChat,
  ChangeType.Update
> {
  ChatId: string;
  /** add_member, del_member, change_owner, change_name or change_notice (WeCom sends it). */
  UpdateDetail?: string;
  /** add_member: 0 invited by a member (directly or by link), 3 scanned the group QR code. */
  JoinScene?: number;
  /** del_member: 0 left, 1 removed by the owner or an admin. */
  QuitScene?: number;
  MemChangeCnt?: number;
  /** The members who joined or left (`<Item>` list). */
  MemChangeList?: string[];
  LastMemVer?: string;
  CurMemVer?: string;
}

export interface ExternalChatDismissEvent extends Known<
  Event.ChangeExternalChat,
  ChangeType.Dismiss
> {
  ChatId: string;
}

export type ExternalChatEvent =
  ExternalChatCreateEvent | ExternalChatUpdateEvent | ExternalChatDismissEvent;

// ---------------------------------------------------------------- change_external_tag

export type TagType = 'tag' | 'tag_group';

interface TagChange {
  /** The tag id or the tag group id. */
  Id: string;
  TagType: TagType;
  /** Set for rule-group (策略组) tags. */
  StrategyId?: string;
}

export interface ExternalTagCreateEvent
  extends Known<Event.ChangeExternalTag, ChangeType.Create>, TagChange {}

export interface ExternalTagUpdateEvent
  extends Known<Event.ChangeExternalTag, ChangeType.Update>, TagChange {}

export interface ExternalTagDeleteEvent
  extends Known<Event.ChangeExternalTag, ChangeType.Delete>, TagChange {}

/** The admin reordered tags: `Id` is the group (absent: the whole library), no TagType. */
export interface ExternalTagShuffleEvent extends Known<
  Event.ChangeExternalTag,
  ChangeType.Shuffle
> {
  Id?: string;
  StrategyId?: string;
}

export type ExternalTagEvent =
  | ExternalTagCreateEvent
  | ExternalTagUpdateEvent
  | ExternalTagDeleteEvent
  | ExternalTagShuffleEvent;

// ---------------------------------------------------------------- change_contact

/** A member's fields in create_user / update_user (update_user: only the changed ones). */
interface ContactUserFields {
  Name?: string;
  Department?: number[];
  MainDepartment?: number;
  IsLeaderInDept?: number[];
  DirectLeader?: string[];
  Position?: string;
  Mobile?: string;
  /** 0 unset, 1 male, 2 female. */
  Gender?: number;
  Email?: string;
  BizMail?: string;
  /** 1 active, 2 disabled, 4 not activated, 5 quit. */
  Status?: number;
  Avatar?: string;
  Alias?: string;
  Telephone?: string;
  Address?: string;
}

export interface CreateUserEvent
  extends Known<Event.ChangeContact, ChangeType.CreateUser>, ContactUserFields {
  UserID: string;
}

export interface UpdateUserEvent
  extends Known<Event.ChangeContact, ChangeType.UpdateUser>, ContactUserFields {
  UserID: string;
  /** The member's new userid (a system-generated userid can be changed once). */
  NewUserID?: string;
}

export interface DeleteUserEvent extends Known<Event.ChangeContact, ChangeType.DeleteUser> {
  UserID: string;
}

interface PartyFields {
  Name?: string;
  ParentId?: number;
  Order?: number;
}

export interface CreatePartyEvent
  extends Known<Event.ChangeContact, ChangeType.CreateParty>, PartyFields {
  /** The department id. */
  Id: number;
}

export interface UpdatePartyEvent
  extends Known<Event.ChangeContact, ChangeType.UpdateParty>, PartyFields {
  Id: number;
}

export interface DeletePartyEvent extends Known<Event.ChangeContact, ChangeType.DeleteParty> {
  Id: number;
}

/** Members or departments added to / removed from an address-book tag (标签成员变更). */
export interface UpdateTagEvent extends Known<Event.ChangeContact, ChangeType.UpdateTag> {
  TagId: number;
  AddUserItems?: string[];
  DelUserItems?: string[];
  AddPartyItems?: number[];
  DelPartyItems?: number[];
}

export type ContactEvent =
  | CreateUserEvent
  | UpdateUserEvent
  | DeleteUserEvent
  | CreatePartyEvent
  | UpdatePartyEvent
  | DeletePartyEvent
  | UpdateTagEvent;

// ---------------------------------------------------------------- the union

/** An event WeCom sent that this server does not know (or that lacks a documented field). */
export interface UnknownWecomEvent extends Partial<WecomEventEnvelope> {
  type: 'unknown';
  Event: string;
  ChangeType: string;
  /** Why it is unknown, e.g. "no such ChangeType" or "missing ExternalUserID". */
  reason: string;
  /** Every field as received. */
  fields: Record<string, unknown>;
}

export type KnownWecomEvent =
  ExternalContactEvent | ExternalChatEvent | ExternalTagEvent | ContactEvent;

export type WecomEvent = KnownWecomEvent | UnknownWecomEvent;

/** `<Event>/<ChangeType>` of every known event. */
export type WecomEventType = KnownWecomEvent['type'];

/** The known event of one Event and ChangeType. */
export type WecomEventOf<E extends Event, C extends ChangeTypeOf<E>> = Extract<
  KnownWecomEvent,
  { type: `${E}/${C}` }
>;
