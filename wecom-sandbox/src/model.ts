/** In-memory shapes of the sandbox corp. Field names follow WeCom's JSON where they surface. */

export interface DemoCorpConfig {
  corpId: string;
  corpName: string;
  agent: { agentId: number; name: string; secret: string };
  contactSecret: string;
  addressBookSecret: string;
  callback: { token: string; encodingAESKey: string };
}

export interface Department {
  id: number;
  name: string;
  name_en: string;
  parentid: number;
  order: number;
  department_leader: string[];
}

/** WeCom member status: 1 已激活, 2 已禁用, 4 未激活, 5 退出企业. */
export interface User {
  userid: string;
  name: string;
  department: number[];
  order: number[];
  position: string;
  mobile: string;
  gender: string;
  email: string;
  biz_mail: string;
  is_leader_in_dept: number[];
  direct_leader: string[];
  avatar: string;
  thumb_avatar: string;
  telephone: string;
  alias: string;
  status: number;
  main_department: number;
  open_userid: string;
  qr_code: string;
  external_position: string;
  address: string;
  /** Sandbox-only: 客户联系 permission configured for this member. */
  customerContact: boolean;
  /** Sandbox-only: the admin configured a personal welcome message (no WelcomeCode). */
  welcomeMsgConfigured: boolean;
  /** Sandbox-only: unix seconds of departure (delete_user), when departed. */
  dimissionTime?: number;
  seq: number;
}

export interface Customer {
  external_userid: string;
  name: string;
  /** 1 微信用户, 2 企业微信用户. */
  type: 1 | 2;
  avatar: string;
  /** 0 unknown, 1 male, 2 female. */
  gender: number;
  unionid?: string;
  position?: string;
  corp_name?: string;
  corp_full_name?: string;
}

export interface Follow {
  /** Global monotonic sequence: the pagination key. */
  seq: number;
  userid: string;
  external_userid: string;
  remark: string;
  description: string;
  createtime: number;
  tagIds: string[];
  remark_corp_name?: string;
  remark_mobiles: string[];
  oper_userid: string;
  add_way: number;
  state?: string;
}

export interface TagGroup {
  group_id: string;
  group_name: string;
  create_time: number;
  order: number;
  tagIds: string[];
  /** Created through add_corp_tag by the app (only those it may edit or delete: 81011). */
  by_app?: boolean;
}

export interface Tag {
  id: string;
  name: string;
  create_time: number;
  order: number;
  group_id: string;
  /** Created through add_corp_tag by the app (only those it may edit or delete: 81011). */
  by_app?: boolean;
}

export interface ContactWay {
  config_id: string;
  type: number;
  scene: number;
  style?: number;
  remark?: string;
  skip_verify: boolean;
  state?: string;
  qr_code?: string;
  user: string[];
  party: number[];
  is_temp: boolean;
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  is_exclusive: boolean;
  conclusions?: unknown;
  create_time: number;
  /** Round-robin cursor for multi-person codes. */
  rr: number;
  /** Temp-chat codes expire after one add. */
  consumed?: boolean;
  /** Creation sequence (list_contact_way cursor). */
  seq: number;
}

export interface ChatMember {
  userid: string;
  /** 1 企业成员, 2 外部联系人. */
  type: 1 | 2;
  join_time: number;
  /** 1 由群成员邀请入群（直接邀请）, 2 由群成员邀请入群（通过邀请链接）, 3 通过扫描群二维码入群. */
  join_scene: number;
  invitor?: { userid: string };
  group_nickname: string;
  name: string;
  unionid?: string;
}

export interface GroupChat {
  chat_id: string;
  name: string;
  owner: string;
  create_time: number;
  notice: string;
  members: Map<string, ChatMember>;
  admins: string[];
  /** groupchat/list status: 0 跟进人正常, 1 跟进人离职, 2 离职继承中, 3 离职继承完成. */
  status: number;
  dismissed: boolean;
  member_version: string;
  seq: number;
  /** Sandbox-only: owner before a departed-owner transfer started. */
  transferring?: boolean;
}

export interface WelcomeCodeRecord {
  code: string;
  userid: string;
  external_userid: string;
  createdMs: number;
  used: boolean;
}

/** An app message (message/send) as WeCom accepted it: who it reached and what it said. */
export interface AppMessageRecord {
  msgid: string;
  agentid: number;
  /** Members it reached (valid recipients of `touser`). */
  touser: string[];
  msgtype: string;
  /** The message body of its type (e.g. the textcard's title, description, url, btntxt). */
  content: Record<string, unknown>;
  sent_at: number;
}

export interface WelcomeMessageRecord {
  welcome_code: string;
  userid: string;
  external_userid: string;
  text?: { content: string };
  attachments: unknown[];
  sentAt: number;
}

export interface TransferRecord {
  kind: 'onjob' | 'resigned';
  handover_userid: string;
  takeover_userid: string;
  external_userid: string;
  /** 1 接替完毕, 2 等待接替, 3 客户拒绝, 4 接替成员客户达到上限. */
  status: number;
  createdAt: number;
  takeover_time: number;
  transfer_success_msg?: string;
  seq: number;
}

export interface GroupMsgRecipient {
  external_userid?: string;
  chat_id?: string;
  userid: string;
  /** 0 未发送, 1 已发送, 2 因客户不是好友导致发送失败, 3 因客户已经收到其他群发消息导致发送失败. */
  status: number;
  send_time?: number;
}

export interface GroupMsg {
  msgid: string;
  chat_type: 'single' | 'group';
  creator: string;
  create_time: number;
  /** 0 企业发表, 1 个人发表. */
  create_type: number;
  text?: { content: string };
  attachments: unknown[];
  /** userid → task. status 0 未发送, 2 已发送. */
  tasks: Map<string, { userid: string; status: number; send_time?: number }>;
  recipients: GroupMsgRecipient[];
  remindTimes: number[];
  canceled: boolean;
  seq: number;
}

export interface Moment {
  moment_id: string;
  creator: string;
  create_time: number;
  /** 0 企业发表, 1 个人发表. */
  create_type: number;
  /** 0 部分可见, 1 公开. */
  visible_type: number;
  text?: { content: string };
  attachments: unknown[];
  /** userid → publish_status (0 未发表, 1 已发表). */
  tasks: Map<string, number>;
  /** visible_range.external_contact_list.tag_list: only customers with one of these see it. */
  tagList: string[];
  /** userid → what publishing did: the customers it was visible to, those it was sent to. */
  published: Map<string, { visible: string[]; sent: string[] }>;
  /** userid (the publishing member) → comments and likes on their copy. */
  comments: Map<string, MomentInteraction[]>;
  likes: Map<string, MomentInteraction[]>;
  seq: number;
}

/** A comment or like on a moment: by a customer (external_userid) or a member (userid). */
export interface MomentInteraction {
  external_userid?: string;
  userid?: string;
  create_time: number;
}

export interface MomentJob {
  jobid: string;
  createdMs: number;
  result: Record<string, unknown>;
}

export interface MediaRecord {
  media_id: string;
  type: string;
  filename: string;
  size: number;
  created_at: number;
}

/**
 * One archived message as DecryptData gives it (DW 91774), with its archive seq: the common
 * fields and the type's own object (`text: {content}`, `image: {sdkfileid, …}`, …).
 */
export interface ArchiveMessage {
  seq: number;
  msgid: string;
  action: 'send' | 'recall';
  from: string;
  tolist: string[];
  roomid: string;
  msgtime: number;
  msgtype: string;
  [typeField: string]: unknown;
}
