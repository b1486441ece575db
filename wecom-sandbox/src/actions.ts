/**
 * What people do in WeCom (customers, staff, admins), acted out on the state. Each action
 * changes the corp and queues the callback WeCom would send. API calls never come here:
 * "通过API进行的操作不会产生回调" (DW 96361).
 */
import { contactWayUsers } from './api/contact-ways';
import { WecomError } from './errors';
import type {
  ChatMember,
  Customer,
  Department,
  Follow,
  GroupChat,
  TransferRecord,
  User,
} from './model';
import { Prng } from './prng';
import { makeCustomer } from './seed';
import type { SandboxState } from './state';

export class ActionError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const bad = (message: string): never => {
  throw new ActionError(400, message);
};
const notFound = (message: string): never => {
  throw new ActionError(404, message);
};

let prngSeed = 1;
const runtimePrng = () => new Prng(Date.now() ^ (prngSeed++ * 2654435761));

function user(state: SandboxState, userid: unknown, field = 'userId'): User {
  if (typeof userid !== 'string' || !userid) bad(`${field} is required`);
  const u = state.users.get(userid as string);
  if (!u || !state.isActive(u)) notFound(`user ${String(userid)} not found`);
  return u as User;
}

function customer(state: SandboxState, id: unknown, field = 'externalUserId'): Customer {
  if (typeof id !== 'string' || !id) bad(`${field} is required`);
  const c = state.customers.get(id as string);
  if (!c) notFound(`customer ${String(id)} not found`);
  return c as Customer;
}

function follow(state: SandboxState, userid: string, externalUserId: string): Follow {
  const f = state.getFollow(userid, externalUserId);
  if (!f) notFound(`${userid} has no relation with ${externalUserId}`);
  return f as Follow;
}

export interface NewCustomerInput {
  name?: string;
  gender?: number;
  type?: 1 | 2;
  avatar?: string;
  unionid?: string;
  corp_name?: string;
  corp_full_name?: string;
  position?: string;
  externalUserId?: string;
}

/** Existing customer by id, or a new one (random realistic name unless given). */
export function resolveCustomer(
  state: SandboxState,
  externalUserId?: string,
  input?: NewCustomerInput,
): Customer {
  if (externalUserId) return customer(state, externalUserId);
  const overrides: Partial<Customer> = {};
  if (input?.name) overrides.name = String(input.name);
  if (input?.gender !== undefined) overrides.gender = Number(input.gender);
  if (input?.type === 1 || input?.type === 2) overrides.type = input.type;
  if (input?.avatar) overrides.avatar = input.avatar;
  if (input?.unionid) overrides.unionid = input.unionid;
  if (input?.corp_name) overrides.corp_name = input.corp_name;
  if (input?.corp_full_name) overrides.corp_full_name = input.corp_full_name;
  if (input?.position) overrides.position = input.position;
  const c = makeCustomer(state, runtimePrng(), overrides);
  if (overrides.type === 1 && !input?.corp_name) {
    delete c.corp_name;
    delete c.corp_full_name;
    delete c.position;
  }
  if (overrides.type === 2) {
    if (!c.external_userid.startsWith('wo')) {
      state.customers.delete(c.external_userid);
      c.external_userid = state.ids.externalUserId(true);
    }
    delete c.unionid;
  }
  return state.addCustomer(c);
}

export interface AddResult {
  externalUserId: string;
  userId: string;
  changeType: 'add_external_contact' | 'add_half_external_contact' | null;
  welcomeCode: string | null;
  state: string | null;
  alreadyFriends: boolean;
}

/** The customer becomes a friend of the member and WeCom reports it. */
function befriend(
  state: SandboxState,
  member: User,
  c: Customer,
  opts: { state?: string; addWay: number; operUserId: string; half: boolean },
): AddResult {
  if (!member.customerContact) bad(`${member.userid} has no customer contact permission`);
  if (state.getFollow(member.userid, c.external_userid)) {
    return {
      externalUserId: c.external_userid,
      userId: member.userid,
      changeType: null,
      welcomeCode: null,
      state: opts.state ?? null,
      alreadyFriends: true,
    };
  }
  state.addFollow(member.userid, c.external_userid, {
    createtime: state.now(),
    add_way: opts.addWay,
    oper_userid: opts.operUserId,
    state: opts.state || undefined,
  });
  // WelcomeCode is left out when the member has a welcome message configured (DW 92599).
  const welcomeCode = member.welcomeMsgConfigured
    ? null
    : state.issueWelcomeCode(member.userid, c.external_userid);
  const changeType = opts.half ? 'add_half_external_contact' : 'add_external_contact';
  state.emit({
    event: 'change_external_contact',
    changeType,
    fields: [
      ['UserID', member.userid],
      ['ExternalUserID', c.external_userid],
      ['State', opts.state || undefined],
      ['WelcomeCode', welcomeCode ?? undefined],
    ],
  });
  return {
    externalUserId: c.external_userid,
    userId: member.userid,
    changeType,
    welcomeCode,
    state: opts.state ?? null,
    alreadyFriends: false,
  };
}

/** A customer scans a 「联系我」 code (or taps the mini-program button). */
export function scanContactWay(
  state: SandboxState,
  input: { configId?: string; externalUserId?: string; customer?: NewCustomerInput },
): AddResult {
  if (!input.configId) bad('configId is required');
  const way = state.contactWays.get(input.configId as string);
  if (!way) return notFound(`contact way ${input.configId} not found`);
  if (way.is_temp && (way.consumed || way.create_time + (way.expires_in ?? 0) < state.now()))
    bad('this temporary contact way has expired');
  const members = contactWayUsers(state, way).filter((id) => state.users.get(id)?.customerContact);
  if (members.length === 0) bad('no member can receive customers from this contact way');
  // Single code: its one member; multi-person code: WeCom spreads adds over the members.
  const memberId = way.type === 1 ? members[0] : members[way.rr++ % members.length];
  const c = resolveCustomer(state, input.externalUserId, input.customer);
  const result = befriend(state, state.users.get(memberId) as User, c, {
    state: way.state,
    addWay: 1,
    operUserId: c.external_userid,
    half: way.skip_verify,
  });
  if (way.is_temp && !result.alreadyFriends) way.consumed = true;
  return result;
}

/** A customer adds a member directly (search, card) or a member adds a customer. */
export function addStaff(
  state: SandboxState,
  input: {
    userId?: string;
    externalUserId?: string;
    customer?: NewCustomerInput;
    state?: string;
    addWay?: number;
    initiator?: 'customer' | 'staff';
    skipVerify?: boolean;
  },
): AddResult {
  const member = user(state, input.userId);
  const c = resolveCustomer(state, input.externalUserId, input.customer);
  const staffInitiated = input.initiator === 'staff';
  return befriend(state, member, c, {
    state: input.state,
    addWay: input.addWay ?? (staffInitiated ? 2 : 3),
    operUserId: staffInitiated ? member.userid : c.external_userid,
    half: !!input.skipVerify,
  });
}

/** The customer deletes the member (del_follow_user). */
export function customerDeletesStaff(
  state: SandboxState,
  input: { externalUserId?: string; userId?: string },
): void {
  const c = customer(state, input.externalUserId);
  const member = user(state, input.userId);
  follow(state, member.userid, c.external_userid);
  state.removeFollow(member.userid, c.external_userid);
  state.emit({
    event: 'change_external_contact',
    changeType: 'del_follow_user',
    fields: [
      ['UserID', member.userid],
      ['ExternalUserID', c.external_userid],
    ],
  });
}

/** The member deletes the customer (del_external_contact). */
export function staffDeletesCustomer(
  state: SandboxState,
  input: { externalUserId?: string; userId?: string },
): void {
  const c = customer(state, input.externalUserId);
  const member = user(state, input.userId);
  follow(state, member.userid, c.external_userid);
  state.removeFollow(member.userid, c.external_userid);
  state.emit({
    event: 'change_external_contact',
    changeType: 'del_external_contact',
    fields: [
      ['UserID', member.userid],
      ['ExternalUserID', c.external_userid],
    ],
  });
}

/** The member edits remark/description/tags of a customer in the WeCom app (edit_external_contact). */
export function staffEditsCustomer(
  state: SandboxState,
  input: {
    userId?: string;
    externalUserId?: string;
    remark?: string;
    description?: string;
    addTags?: string[];
    removeTags?: string[];
  },
): Follow {
  const member = user(state, input.userId);
  const c = customer(state, input.externalUserId);
  const f = follow(state, member.userid, c.external_userid);
  for (const t of [...(input.addTags ?? []), ...(input.removeTags ?? [])])
    if (!state.tags.has(t)) notFound(`tag ${t} not found`);
  if (input.remark !== undefined) f.remark = String(input.remark);
  if (input.description !== undefined) f.description = String(input.description);
  state.markTags(f, input.addTags ?? [], input.removeTags ?? []);
  state.emit({
    event: 'change_external_contact',
    changeType: 'edit_external_contact',
    fields: [
      ['UserID', member.userid],
      ['ExternalUserID', c.external_userid],
    ],
  });
  return f;
}

// ---- customer groups ---------------------------------------------------------------------

function chat(state: SandboxState, chatId: unknown): GroupChat {
  if (typeof chatId !== 'string' || !chatId) bad('chatId is required');
  const g = state.groupChats.get(chatId as string);
  if (!g || g.dismissed) notFound(`chat ${String(chatId)} not found`);
  return g as GroupChat;
}

function memberOf(
  state: SandboxState,
  id: string,
  joinScene: number,
  invitor?: string,
): ChatMember {
  const u = state.users.get(id);
  if (u && state.isActive(u)) {
    return {
      userid: id,
      type: 1,
      join_time: state.now(),
      join_scene: joinScene,
      invitor: invitor ? { userid: invitor } : undefined,
      group_nickname: '',
      name: u.name,
    };
  }
  const c = state.customers.get(id);
  if (!c) notFound(`member ${id} not found`);
  const cc = c as Customer;
  return {
    userid: id,
    type: 2,
    join_time: state.now(),
    join_scene: joinScene,
    invitor: joinScene === 3 || !invitor ? undefined : { userid: invitor },
    group_nickname: '',
    name: cc.name,
    unionid: cc.unionid,
  };
}

function chatUpdate(
  state: SandboxState,
  g: GroupChat,
  detail: string,
  extra: Array<[string, string | number | { items: string[] } | undefined]>,
): void {
  const last = g.member_version;
  const memberChange = detail === 'add_member' || detail === 'del_member';
  if (memberChange) g.member_version = state.memberVersion();
  state.emit({
    event: 'change_external_chat',
    changeType: 'update',
    fields: [
      ['ChatId', g.chat_id],
      ['UpdateDetail', detail],
      ...extra,
      ...(memberChange
        ? ([
            ['LastMemVer', last],
            ['CurMemVer', g.member_version],
          ] as Array<[string, string]>)
        : []),
    ],
  });
}

export function createGroup(
  state: SandboxState,
  input: {
    ownerUserId?: string;
    name?: string;
    memberUserIds?: string[];
    externalUserIds?: string[];
    notice?: string;
  },
): GroupChat {
  const owner = user(state, input.ownerUserId, 'ownerUserId');
  if (!owner.customerContact) bad(`${owner.userid} has no customer contact permission`);
  const members = new Map<string, ChatMember>();
  members.set(owner.userid, memberOf(state, owner.userid, 1));
  for (const id of [...(input.memberUserIds ?? []), ...(input.externalUserIds ?? [])]) {
    if (!members.has(id)) members.set(id, memberOf(state, id, 1, owner.userid));
  }
  const g = state.addGroupChat({
    chat_id: state.ids.chatId(),
    name: input.name ?? '',
    owner: owner.userid,
    create_time: state.now(),
    notice: input.notice ?? '',
    members,
    admins: [],
    status: 0,
    dismissed: false,
    member_version: state.memberVersion(),
  });
  state.emit({
    event: 'change_external_chat',
    changeType: 'create',
    fields: [['ChatId', g.chat_id]],
  });
  return g;
}

/**
 * Someone joins a group. joinScene is groupchat/get's member code (1 direct invite, 2 invite
 * link, 3 QR code); the callback's JoinScene is 0 for invites and 3 for the QR code.
 */
export function joinGroup(
  state: SandboxState,
  input: {
    chatId?: string;
    externalUserId?: string;
    userId?: string;
    joinScene?: number;
    invitor?: string;
  },
): GroupChat {
  const g = chat(state, input.chatId);
  const id = input.externalUserId ?? input.userId;
  if (!id) bad('externalUserId or userId is required');
  if (g.members.has(id as string)) bad(`${id} is already a member`);
  const scene = input.joinScene ?? 1;
  if (![1, 2, 3].includes(scene)) bad('joinScene must be 1, 2 or 3');
  g.members.set(id as string, memberOf(state, id as string, scene, input.invitor ?? g.owner));
  chatUpdate(state, g, 'add_member', [
    ['JoinScene', scene === 3 ? 3 : 0],
    ['MemChangeCnt', 1],
    ['MemChangeList', { items: [id as string] }],
  ]);
  return g;
}

/** Someone leaves (quitScene 0) or is removed by the owner/admin (quitScene 1). */
export function leaveGroup(
  state: SandboxState,
  input: { chatId?: string; externalUserId?: string; userId?: string; quitScene?: number },
): GroupChat {
  const g = chat(state, input.chatId);
  const id = (input.externalUserId ?? input.userId) as string;
  if (!id) bad('externalUserId or userId is required');
  if (!g.members.has(id)) notFound(`${id} is not a member`);
  if (id === g.owner) bad('the owner cannot leave; change the owner or dismiss the group');
  g.members.delete(id);
  g.admins = g.admins.filter((a) => a !== id);
  chatUpdate(state, g, 'del_member', [
    ['QuitScene', input.quitScene === 1 ? 1 : 0],
    ['MemChangeCnt', 1],
    ['MemChangeList', { items: [id] }],
  ]);
  return g;
}

export function renameGroup(
  state: SandboxState,
  input: { chatId?: string; name?: string },
): GroupChat {
  const g = chat(state, input.chatId);
  if (typeof input.name !== 'string') bad('name is required');
  g.name = input.name as string;
  chatUpdate(state, g, 'change_name', []);
  return g;
}

export function changeGroupNotice(
  state: SandboxState,
  input: { chatId?: string; notice?: string },
): GroupChat {
  const g = chat(state, input.chatId);
  if (typeof input.notice !== 'string') bad('notice is required');
  g.notice = input.notice as string;
  chatUpdate(state, g, 'change_notice', []);
  return g;
}

export function changeGroupOwner(
  state: SandboxState,
  input: { chatId?: string; userId?: string },
): GroupChat {
  const g = chat(state, input.chatId);
  const u = user(state, input.userId);
  if (g.owner === u.userid) bad('already the owner');
  if (!g.members.has(u.userid)) g.members.set(u.userid, memberOf(state, u.userid, 1, g.owner));
  g.owner = u.userid;
  chatUpdate(state, g, 'change_owner', []);
  return g;
}

export function dismissGroup(state: SandboxState, input: { chatId?: string }): GroupChat {
  const g = chat(state, input.chatId);
  g.dismissed = true;
  state.emit({
    event: 'change_external_chat',
    changeType: 'dismiss',
    fields: [['ChatId', g.chat_id]],
  });
  return g;
}

// ---- corp tags in the admin console -------------------------------------------------------

function tagEvent(
  state: SandboxState,
  changeType: string,
  id: string,
  tagType: 'tag' | 'tag_group',
): void {
  state.emit({
    event: 'change_external_tag',
    changeType,
    fields: [
      ['Id', id],
      ['TagType', tagType],
    ],
  });
}

export function adminCreateTagGroup(
  state: SandboxState,
  input: { groupName?: string; tags?: string[]; order?: number },
): { groupId: string; tagIds: string[] } {
  if (!input.groupName) bad('groupName is required');
  const tags = input.tags ?? [];
  if (tags.length === 0) bad('a tag group needs at least one tag');
  if ([...state.tagGroups.values()].some((g) => g.group_name === input.groupName))
    bad('group name exists');
  const group = state.addTagGroup(input.groupName as string, input.order ?? 0);
  const tagIds = [...new Set(tags)].map((name) => state.addTag(group, name).id);
  tagEvent(state, 'create', group.group_id, 'tag_group');
  return { groupId: group.group_id, tagIds };
}

export function adminAddTag(
  state: SandboxState,
  input: { groupId?: string; name?: string },
): { tagId: string } {
  const group = state.tagGroups.get(input.groupId ?? '');
  if (!group) return notFound(`tag group ${input.groupId} not found`);
  if (!input.name) bad('name is required');
  if (group.tagIds.some((t) => state.tags.get(t)?.name === input.name)) bad('tag name exists');
  const tag = state.addTag(group, input.name as string);
  tagEvent(state, 'create', tag.id, 'tag');
  return { tagId: tag.id };
}

export function adminRenameTag(state: SandboxState, input: { id?: string; name?: string }): void {
  if (!input.name) bad('name is required');
  const tag = state.tags.get(input.id ?? '');
  const group = state.tagGroups.get(input.id ?? '');
  if (tag) {
    tag.name = input.name as string;
    tagEvent(state, 'update', tag.id, 'tag');
  } else if (group) {
    group.group_name = input.name as string;
    tagEvent(state, 'update', group.group_id, 'tag_group');
  } else notFound(`tag or group ${input.id} not found`);
}

export function adminDeleteTag(state: SandboxState, input: { id?: string }): void {
  const id = input.id ?? '';
  const isTag = state.tags.has(id);
  if (!isTag && !state.tagGroups.has(id)) notFound(`tag or group ${id} not found`);
  const removed = isTag ? state.deleteTags([id], []) : state.deleteTags([], [id]);
  if (isTag) tagEvent(state, 'delete', id, 'tag');
  for (const g of removed.groups) tagEvent(state, 'delete', g, 'tag_group');
}

/** Admin drags tags into a new order: shuffle, with Id = the group (empty = group order). */
export function adminShuffleTags(state: SandboxState, input: { groupId?: string }): void {
  if (input.groupId) {
    const group = state.tagGroups.get(input.groupId);
    if (!group) return notFound(`tag group ${input.groupId} not found`);
    // Sorted as WeCom shows them (order desc), then reversed: the last tag comes first.
    const tags = group.tagIds
      .map((t) => state.tags.get(t))
      .filter((t) => !!t)
      .sort((a, b) => b.order - a.order || a.create_time - b.create_time);
    [...tags].reverse().forEach((t, i) => (t.order = tags.length - i));
    state.emit({
      event: 'change_external_tag',
      changeType: 'shuffle',
      fields: [['Id', group.group_id]],
    });
  } else {
    const groups = [...state.tagGroups.values()];
    groups.forEach((g, i) => (g.order = i + 1));
    state.emit({ event: 'change_external_tag', changeType: 'shuffle', fields: [] });
  }
}

// ---- address book (admin console) ---------------------------------------------------------

function contactUserFields(u: User): Array<[string, string | number | undefined]> {
  return [
    ['UserID', u.userid],
    ['Name', u.name],
    ['Department', u.department.join(',')],
    ['MainDepartment', u.main_department],
    ['IsLeaderInDept', u.is_leader_in_dept.join(',')],
    ['DirectLeader', u.direct_leader.join(',')],
    ['Position', u.position],
    ['Mobile', u.mobile],
    ['Gender', Number(u.gender)],
    ['Email', u.email],
    ['BizMail', u.biz_mail],
    ['Status', u.status],
    ['Avatar', u.avatar],
    ['Alias', u.alias],
    ['Telephone', u.telephone],
  ];
}

export interface UserInput {
  userid?: string;
  name?: string;
  department?: number[];
  position?: string;
  mobile?: string;
  gender?: string | number;
  email?: string;
  customerContact?: boolean;
  welcomeMsgConfigured?: boolean;
}

function checkDepartments(state: SandboxState, depts: number[]): void {
  for (const d of depts) if (!state.departments.has(d)) notFound(`department ${d} not found`);
}

export function createUser(state: SandboxState, input: UserInput): User {
  if (!input.userid || !/^[A-Za-z0-9_\-@.]{1,64}$/.test(input.userid))
    bad('userid is required (letters, digits, _-@.)');
  if (state.users.has(input.userid as string)) bad(`userid ${input.userid} exists`);
  if (!input.name) bad('name is required');
  const department = input.department?.length ? input.department.map(Number) : [1];
  checkDepartments(state, department);
  const u = state.addUser({
    userid: input.userid as string,
    name: input.name as string,
    department,
    order: department.map(() => 0),
    position: input.position ?? '',
    mobile: input.mobile ?? '',
    gender: String(input.gender ?? '0'),
    email: input.email ?? '',
    biz_mail: '',
    is_leader_in_dept: department.map(() => 0),
    direct_leader: [],
    avatar: '',
    thumb_avatar: '',
    telephone: '',
    alias: '',
    status: 1,
    main_department: department[0],
    open_userid: state.ids.unique('wo', 30),
    qr_code: '',
    external_position: input.position ?? '',
    address: '',
    customerContact: input.customerContact ?? true,
    welcomeMsgConfigured: !!input.welcomeMsgConfigured,
  });
  state.emit({ event: 'change_contact', changeType: 'create_user', fields: contactUserFields(u) });
  return u;
}

export function updateUser(
  state: SandboxState,
  userid: string,
  input: UserInput & { newUserId?: string },
): User {
  const u = user(state, userid, 'userid');
  const fields: Array<[string, string | number | undefined]> = [['UserID', u.userid]];
  if (input.newUserId && input.newUserId !== u.userid) {
    if (state.users.has(input.newUserId)) bad(`userid ${input.newUserId} exists`);
    bad('changing userid is not supported by the sandbox');
  }
  if (input.name !== undefined) {
    u.name = input.name;
    fields.push(['Name', u.name]);
  }
  if (input.department !== undefined) {
    const department = input.department.map(Number);
    checkDepartments(state, department);
    u.department = department;
    u.order = department.map(() => 0);
    u.is_leader_in_dept = department.map(() => 0);
    u.main_department = department[0];
    fields.push(['Department', department.join(',')], ['MainDepartment', u.main_department]);
  }
  if (input.position !== undefined) {
    u.position = input.position;
    fields.push(['Position', u.position]);
  }
  if (input.mobile !== undefined) {
    u.mobile = input.mobile;
    fields.push(['Mobile', u.mobile]);
  }
  if (input.gender !== undefined) {
    u.gender = String(input.gender);
    fields.push(['Gender', Number(u.gender)]);
  }
  if (input.email !== undefined) {
    u.email = input.email;
    fields.push(['Email', u.email]);
  }
  if (input.customerContact !== undefined) u.customerContact = !!input.customerContact;
  if (input.welcomeMsgConfigured !== undefined)
    u.welcomeMsgConfigured = !!input.welcomeMsgConfigured;
  state.emit({ event: 'change_contact', changeType: 'update_user', fields });
  return u;
}

/** The member leaves the company: gone from the address book, customers become unassigned. */
export function userLeaves(state: SandboxState, userid: string): User {
  const u = user(state, userid, 'userid');
  u.dimissionTime = state.now();
  u.status = 5;
  state.emit({
    event: 'change_contact',
    changeType: 'delete_user',
    fields: [['UserID', u.userid]],
  });
  return u;
}

export function createDepartment(
  state: SandboxState,
  input: { name?: string; parentid?: number; order?: number; id?: number },
): Department {
  if (!input.name) bad('name is required');
  const parentid = Number(input.parentid ?? 1);
  if (!state.departments.has(parentid)) notFound(`parent department ${parentid} not found`);
  const id = input.id ?? Math.max(0, ...state.departments.keys()) + 1;
  if (state.departments.has(id)) bad(`department ${id} exists`);
  const d: Department = {
    id,
    name: input.name as string,
    name_en: '',
    parentid,
    order: input.order ?? 0,
    department_leader: [],
  };
  state.departments.set(id, d);
  state.emit({
    event: 'change_contact',
    changeType: 'create_party',
    fields: [
      ['Id', d.id],
      ['Name', d.name],
      ['ParentId', d.parentid],
      ['Order', d.order],
    ],
  });
  return d;
}

export function updateDepartment(
  state: SandboxState,
  id: number,
  input: { name?: string; parentid?: number },
): Department {
  const d = state.departments.get(id);
  if (!d) return notFound(`department ${id} not found`);
  const fields: Array<[string, string | number]> = [['Id', d.id]];
  if (input.name !== undefined) {
    d.name = input.name;
    fields.push(['Name', d.name]);
  }
  if (input.parentid !== undefined) {
    const parentid = Number(input.parentid);
    if (!state.departments.has(parentid) || parentid === id)
      notFound(`parent department ${parentid} not found`);
    d.parentid = parentid;
    fields.push(['ParentId', d.parentid]);
  }
  state.emit({ event: 'change_contact', changeType: 'update_party', fields });
  return d;
}

export function deleteDepartment(state: SandboxState, id: number): void {
  const d = state.departments.get(id);
  if (!d) return notFound(`department ${id} not found`);
  if (id === 1) bad('the root department cannot be deleted');
  if ([...state.departments.values()].some((x) => x.parentid === id))
    bad('department has sub-departments');
  if (state.userList.some((u) => state.isActive(u) && u.department.includes(id)))
    bad('department has members');
  state.departments.delete(id);
  state.emit({ event: 'change_contact', changeType: 'delete_party', fields: [['Id', id]] });
}

// ---- customer transfers ------------------------------------------------------------------

function customerCount(state: SandboxState, userid: string): number {
  return state.followsOfUser(userid).length;
}

/** Finish a pending transfer: accepted (auto after 24 h or by the customer) or refused. */
export function finishTransfer(
  state: SandboxState,
  rec: TransferRecord,
  outcome: 'accept' | 'refuse',
): void {
  if (rec.status !== 2) return;
  const now = state.now();
  if (outcome === 'refuse') {
    rec.status = 3;
    rec.takeover_time = now;
    state.emit({
      event: 'change_external_contact',
      changeType: 'transfer_fail',
      fields: [
        ['FailReason', 'customer_refused'],
        ['UserID', rec.takeover_userid],
        ['ExternalUserID', rec.external_userid],
      ],
    });
    return;
  }
  const old = state.getFollow(rec.handover_userid, rec.external_userid);
  const takeover = state.users.get(rec.takeover_userid);
  if (!old || !state.isActive(takeover)) {
    // The relation vanished meanwhile (customer deleted the member): nothing to take over.
    rec.status = 3;
    rec.takeover_time = now;
    return;
  }
  const already = state.getFollow(rec.takeover_userid, rec.external_userid);
  if (!already && customerCount(state, rec.takeover_userid) >= state.config.customerLimitPerUser) {
    rec.status = 4;
    rec.takeover_time = now;
    state.emit({
      event: 'change_external_contact',
      changeType: 'transfer_fail',
      fields: [
        ['FailReason', 'customer_limit_exceed'],
        ['UserID', rec.takeover_userid],
        ['ExternalUserID', rec.external_userid],
      ],
    });
    return;
  }
  state.removeFollow(rec.handover_userid, rec.external_userid);
  if (!already) {
    state.addFollow(rec.takeover_userid, rec.external_userid, {
      remark: old.remark,
      description: old.description,
      createtime: now,
      tagIds: [...old.tagIds],
      remark_corp_name: old.remark_corp_name,
      remark_mobiles: [...old.remark_mobiles],
      oper_userid: rec.takeover_userid,
      add_way: 202,
      state: old.state,
    });
  }
  rec.status = 1;
  rec.takeover_time = now;
  if (rec.kind === 'onjob') {
    state.emit({
      event: 'change_external_contact',
      changeType: 'del_external_contact',
      fields: [
        ['UserID', rec.handover_userid],
        ['ExternalUserID', rec.external_userid],
        ['Source', 'DELETE_BY_TRANSFER'],
      ],
    });
  }
  // 如果接替成员在转接前已成为客户好友，则不会触发添加企业客户事件 (DW 96325).
  if (!already) {
    state.emit({
      event: 'change_external_contact',
      changeType: 'add_external_contact',
      fields: [
        ['UserID', rec.takeover_userid],
        ['ExternalUserID', rec.external_userid],
      ],
    });
  }
}

/** Take over every pending transfer whose 24 h have passed (sandbox clock). */
export function processDueTransfers(state: SandboxState): number {
  const due = state.takeDueTransfers(state.now());
  for (const rec of due) finishTransfer(state, rec, 'accept');
  return due.length;
}

export function respondToTransfer(
  state: SandboxState,
  input: { externalUserId?: string; accept?: boolean },
): TransferRecord {
  const c = customer(state, input.externalUserId);
  const rec = state.pendingTransfer(c.external_userid);
  if (!rec) return notFound(`no pending transfer for ${c.external_userid}`);
  finishTransfer(state, rec, input.accept === false ? 'refuse' : 'accept');
  return rec;
}

export function advanceClock(
  state: SandboxState,
  seconds: number,
): { now: number; transfersCompleted: number } {
  if (!Number.isFinite(seconds) || seconds < 0) bad('seconds must be a non-negative number');
  state.clock.advance(seconds);
  return { now: state.now(), transfersCompleted: processDueTransfers(state) };
}

export function toActionError(err: unknown): ActionError | null {
  if (err instanceof ActionError) return err;
  if (err instanceof WecomError) return new ActionError(400, err.message);
  return null;
}
