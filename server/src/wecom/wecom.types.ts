/**
 * Request and response shapes of the WeCom server APIs this SCRM calls, with WeCom's own field
 * names (snake_case, as on developer.work.weixin.qq.com). Fields WeCom may omit are optional.
 * Only `WecomClient` sends these; other modules receive them from its typed methods.
 */

/** Which secret an access_token is issued for. `contact` and `addressBook` fall back to `agent`. */
export type SecretScope = 'agent' | 'contact' | 'addressBook';

/** Every WeCom answer carries these (errcode 0 = success; WecomClient throws otherwise). */
export interface WecomBaseResponse {
  errcode: number;
  errmsg: string;
}

// ---------------------------------------------------------------- tokens and tickets

export interface GetTokenResponse extends WecomBaseResponse {
  access_token: string;
  expires_in: number;
}

export interface TicketResponse extends WecomBaseResponse {
  ticket: string;
  expires_in: number;
}

// ---------------------------------------------------------------- address book

export interface Department {
  id: number;
  name?: string;
  name_en?: string;
  department_leader?: string[];
  parentid: number;
  order?: number;
}

export interface DepartmentListResponse extends WecomBaseResponse {
  department: Department[];
}

export interface WecomUser {
  userid: string;
  name?: string;
  department?: number[];
  order?: number[];
  position?: string;
  mobile?: string;
  gender?: string;
  email?: string;
  biz_mail?: string;
  is_leader_in_dept?: number[];
  direct_leader?: string[];
  avatar?: string;
  thumb_avatar?: string;
  telephone?: string;
  alias?: string;
  address?: string;
  open_userid?: string;
  main_department?: number;
  /** 1 active, 2 disabled, 4 not activated, 5 quit. */
  status?: number;
  qr_code?: string;
  external_position?: string;
}

export type UserGetResponse = WecomBaseResponse & WecomUser;

export interface UserListIdRequest {
  cursor?: string;
  /** 1..10000, default 10000. */
  limit?: number;
}

export interface UserListIdResponse extends WecomBaseResponse {
  next_cursor: string;
  dept_user: Array<{ userid: string; department: number }>;
}

// ---------------------------------------------------------------- customers

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

// ---------------------------------------------------------------- corp tags

export interface CorpTag {
  id: string;
  name: string;
  create_time?: number;
  order?: number;
  deleted?: boolean;
}

export interface CorpTagGroup {
  group_id: string;
  group_name: string;
  create_time?: number;
  order?: number;
  deleted?: boolean;
  tag: CorpTag[];
}

export interface GetCorpTagListRequest {
  tag_id?: string[];
  group_id?: string[];
}

export interface GetCorpTagListResponse extends WecomBaseResponse {
  tag_group: CorpTagGroup[];
}

export interface AddCorpTagRequest {
  group_id?: string;
  group_name?: string;
  order?: number;
  tag: Array<{ name: string; order?: number }>;
  agentid?: number;
}

export interface AddCorpTagResponse extends WecomBaseResponse {
  tag_group: CorpTagGroup;
}

export interface EditCorpTagRequest {
  /** A tag id or a tag group id. */
  id: string;
  name?: string;
  order?: number;
  agentid?: number;
}

export interface DelCorpTagRequest {
  tag_id?: string[];
  group_id?: string[];
  agentid?: number;
}

export interface MarkTagRequest {
  userid: string;
  external_userid: string;
  add_tag?: string[];
  remove_tag?: string[];
}

// ---------------------------------------------------------------- contact ways (联系我)

export interface ContactWayConclusions {
  text?: { content: string };
  image?: { media_id?: string; pic_url?: string };
  link?: { title: string; picurl?: string; desc?: string; url: string };
  miniprogram?: { title: string; pic_media_id: string; appid: string; page: string };
}

export interface AddContactWayRequest {
  /** 1 single member, 2 several members. */
  type: 1 | 2;
  /** 1 mini program, 2 QR code. */
  scene: 1 | 2;
  style?: number;
  /** ≤30 characters. */
  remark?: string;
  skip_verify?: boolean;
  /** ≤30 characters; comes back in the add_external_contact event. */
  state?: string;
  user?: string[];
  party?: number[];
  is_temp?: boolean;
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  is_exclusive?: boolean;
  conclusions?: ContactWayConclusions;
}

export interface AddContactWayResponse extends WecomBaseResponse {
  config_id: string;
  qr_code?: string;
}

export interface ContactWay extends Omit<AddContactWayRequest, 'type' | 'scene'> {
  config_id: string;
  type: number;
  scene: number;
  qr_code?: string;
}

export interface GetContactWayResponse extends WecomBaseResponse {
  contact_way: ContactWay;
}

export interface UpdateContactWayRequest {
  config_id: string;
  remark?: string;
  skip_verify?: boolean;
  style?: number;
  state?: string;
  user?: string[];
  party?: number[];
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  conclusions?: ContactWayConclusions;
}

// ---------------------------------------------------------------- attachments (welcome, mass messages, moments)

export type MessageAttachment =
  | { msgtype: 'image'; image: { media_id?: string; pic_url?: string } }
  | { msgtype: 'link'; link: { title: string; picurl?: string; desc?: string; url: string } }
  | {
      msgtype: 'miniprogram';
      miniprogram: { title: string; pic_media_id: string; appid: string; page: string };
    }
  | { msgtype: 'video'; video: { media_id: string } }
  | { msgtype: 'file'; file: { media_id: string } };

export interface SendWelcomeMsgRequest {
  welcome_code: string;
  text?: { content: string };
  /** ≤9. */
  attachments?: MessageAttachment[];
}

// ---------------------------------------------------------------- group chats

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

// ---------------------------------------------------------------- transfers (在职/离职继承)

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

// ---------------------------------------------------------------- mass messages (群发)

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

// ---------------------------------------------------------------- moments (朋友圈)

export interface AddMomentTaskRequest {
  text?: { content: string };
  attachments?: Array<
    | { msgtype: 'image'; image: { media_id: string } }
    | { msgtype: 'video'; video: { media_id: string } }
    | { msgtype: 'link'; link: { title?: string; url: string; media_id: string } }
  >;
  visible_range?: {
    sender_list?: { user_list?: string[]; department_list?: number[] };
    external_contact_list?: { tag_list?: string[] };
  };
}

export interface AddMomentTaskResponse extends WecomBaseResponse {
  jobid: string;
}

export interface GetMomentTaskResultResponse extends WecomBaseResponse {
  /** 1 started, 2 running, 3 done. */
  status: number;
  type: string;
  result?: WecomBaseResponse & {
    moment_id?: string;
    invalid_sender_list?: { user_list?: string[]; department_list?: number[] };
    invalid_external_contact_list?: { tag_list?: string[] };
  };
}

export interface GetMomentListRequest {
  start_time: number;
  end_time: number;
  creator?: string;
  /** 0 corp, 1 personal, 2 both. */
  filter_type?: number;
  cursor?: string;
  limit?: number;
}

export interface MomentRecord {
  moment_id: string;
  creator?: string;
  create_time: number | string;
  create_type: number;
  visible_type: number;
  text?: { content: string };
  image?: Array<{ media_id: string }>;
  video?: { media_id: string; thumb_media_id?: string };
  link?: { title: string; url: string };
  location?: unknown;
}

export interface GetMomentTaskRequest {
  moment_id: string;
  cursor?: string;
  limit?: number;
}

export interface GetMomentTaskResponse extends WecomBaseResponse {
  next_cursor?: string;
  /** publish_status: 0 not published, 1 published. */
  task_list: Array<{ userid: string; publish_status: number }>;
}

export interface GetMomentListResponse extends WecomBaseResponse {
  next_cursor?: string;
  moment_list: MomentRecord[];
}

// ---------------------------------------------------------------- OAuth and media

export interface GetUserInfoResponse extends WecomBaseResponse {
  /** Set for members of the corp. */
  userid?: string;
  /** Set for non-members (outside the corp). */
  openid?: string;
  external_userid?: string;
  user_ticket?: string;
  expires_in?: number;
}

export type MediaType = 'image' | 'voice' | 'video' | 'file';

export interface MediaUploadResponse extends WecomBaseResponse {
  type: MediaType;
  media_id: string;
  created_at: string;
}

// ---------------------------------------------------------------- JS-SDK

export interface JsapiConfigSignature {
  /** The corp id (wx.config `appId`). */
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
}

export interface JsapiAgentConfigSignature {
  corpid: string;
  agentid: number;
  timestamp: number;
  nonceStr: string;
  signature: string;
}

// ---------------------------------------------------------------- callbacks

/** Query parameters WeCom sends with every callback request. */
export interface CallbackQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

export interface CallbackVerifyQuery extends CallbackQuery {
  echostr: string;
}

/** What the callback crypto needs from a corp's credentials. */
export interface CallbackCredentials {
  corpId: string;
  callbackToken: string;
  encodingAESKey: string;
}
