import { fail } from '../errors';
import type { ContactWay } from '../model';
import type { SandboxState } from '../state';
import { upperBoundBySeq } from '../state';
import type { ApiDef, Json } from './types';
import {
  charLength,
  checkAttachments,
  cursorSeq,
  encodeCursor,
  limitParam,
  ok,
  optBool,
  optInt,
  optString,
  optStringArray,
  reqString,
  requireFollowUser,
} from './util';

const DAY = 86400;
/** Members on one 「联系我」 (departments expanded): at most 100 (41041). */
const MAX_USERS = 100;
/** 每个企业可通过API最多配置50万个「联系我」 (DW 92228). */
const MAX_WAYS = 500000;

export function qrCodeUrl(state: SandboxState, configId: string): string {
  return `${state.baseUrl}/sandbox/qr/${configId}.png`;
}

/** Members a contact way assigns to: users plus the members of its departments. */
export function contactWayUsers(state: SandboxState, way: ContactWay): string[] {
  const out = new Set<string>(way.user);
  if (way.party.length) {
    const depts = new Set<number>();
    for (const p of way.party) for (const d of state.departmentSubtree(p)) depts.add(d.id);
    for (const u of state.userList) {
      if (state.isActive(u) && u.customerContact && u.department.some((d) => depts.has(d)))
        out.add(u.userid);
    }
  }
  return [...out].filter((id) => state.isActive(state.users.get(id)));
}

interface WayInput {
  type: number;
  style?: number;
  remark?: string;
  skip_verify?: boolean;
  state?: string;
  user?: string[];
  party?: number[];
  is_temp: boolean;
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  conclusions?: unknown;
}

function readCommon(
  body: Json,
  isTemp: boolean,
  scene: number,
): Omit<WayInput, 'type' | 'is_temp'> {
  const style = optInt(body.style, 'style');
  if (style !== undefined && scene === 1 && (style < 1 || style > 9))
    fail(41042, `invalid style ${style}`);
  const remark = optString(body.remark);
  if (remark !== undefined && charLength(remark) > 30) fail(40058, 'remark exceed max length 30');
  const st = optString(body.state);
  if (st !== undefined && charLength(st) > 30) fail(40058, 'state exceed max length 30');
  const user = optStringArray(body.user, 'user');
  let party: number[] | undefined;
  if (body.party !== undefined && body.party !== null) {
    if (!Array.isArray(body.party)) fail(40058, 'party expect array');
    party = (body.party as unknown[]).map((p) => {
      const n = optInt(p, 'party');
      if (n === undefined) fail(40058, 'party expect int array');
      return n;
    });
  }
  const expires = optInt(body.expires_in, 'expires_in');
  const chatExpires = optInt(body.chat_expires_in, 'chat_expires_in');
  if (isTemp) {
    if (expires !== undefined && (expires <= 0 || expires > 14 * DAY))
      fail(40058, 'expires_in exceed max 14 days');
    if (chatExpires !== undefined && (chatExpires <= 0 || chatExpires > 14 * DAY))
      fail(40058, 'chat_expires_in exceed max 14 days');
  }
  if (body.conclusions !== undefined && body.conclusions !== null) {
    if (typeof body.conclusions !== 'object') fail(40058, 'conclusions expect object');
    const c = body.conclusions as Json;
    const kinds = ['image', 'link', 'miniprogram'].filter((k) => c[k] !== undefined);
    checkAttachments(
      kinds.map((k) => ({ msgtype: k, [k]: c[k] })),
      9,
    );
  }
  return {
    style,
    remark,
    skip_verify: optBool(body.skip_verify),
    state: st,
    user,
    party,
    expires_in: expires,
    chat_expires_in: chatExpires,
    unionid: optString(body.unionid),
    conclusions: body.conclusions ?? undefined,
  };
}

function checkMembers(
  state: SandboxState,
  type: number,
  user: string[] | undefined,
  party: number[] | undefined,
): void {
  const users = user ?? [];
  const parties = party ?? [];
  if (type === 1) {
    // 使用该联系方式的用户userID列表，在type为1时为必填，且只能有一个
    if (users.length !== 1) fail(40058, 'type 1 contact way requires exactly one user');
    if (parties.length > 0) fail(40058, 'party is only valid for type 2');
  } else if (users.length === 0 && parties.length === 0) {
    fail(40058, 'user and party are empty');
  }
  for (const u of users) requireFollowUser(state, u, 'user');
  for (const p of parties) if (!state.departments.has(p)) fail(60123, `invalid party ${p}`);
}

function renderWay(way: ContactWay): Json {
  const out: Json = {
    config_id: way.config_id,
    type: way.type,
    scene: way.scene,
  };
  if (way.style !== undefined) out.style = way.style;
  out.remark = way.remark ?? '';
  out.skip_verify = way.skip_verify;
  out.state = way.state ?? '';
  if (way.qr_code) out.qr_code = way.qr_code;
  out.user = way.user;
  out.party = way.party;
  out.is_temp = way.is_temp;
  if (way.is_temp) {
    out.expires_in = way.expires_in;
    out.chat_expires_in = way.chat_expires_in;
    if (way.unionid) out.unionid = way.unionid;
    if (way.conclusions) out.conclusions = way.conclusions;
  }
  out.is_exclusive = way.is_exclusive;
  return out;
}

function requireWay(state: SandboxState, v: unknown): ContactWay {
  const id = reqString(v, 'config_id', 41043);
  const way = state.contactWays.get(id);
  if (!way) fail(41044, `invalid config_id ${id}`);
  return way;
}

export const contactWayApis: ApiDef[] = [
  {
    // 配置客户联系「联系我」方式 (DW 92228 / 96348).
    method: 'POST',
    path: 'externalcontact/add_contact_way',
    handler: ({ state, body }) => {
      if (body.type === undefined || body.type === null || body.type === '') fail(41037);
      if (body.scene === undefined || body.scene === null || body.scene === '') fail(41038);
      const type = optInt(body.type, 'type') as number;
      const scene = optInt(body.scene, 'scene') as number;
      if (type !== 1 && type !== 2) fail(41039, `invalid type ${type}`);
      if (scene !== 1 && scene !== 2) fail(41040, `invalid scene ${scene}`);
      const isTemp = optBool(body.is_temp) ?? false;
      if (isTemp && type !== 1) fail(40058, 'temp chat contact way only supports type 1');
      const c = readCommon(body, isTemp, scene);
      checkMembers(state, type, c.user, c.party);
      const way: ContactWay = {
        config_id: state.ids.configId(),
        type,
        scene,
        style: scene === 1 ? c.style : undefined,
        remark: c.remark,
        skip_verify: c.skip_verify ?? true,
        state: c.state,
        user: c.user ?? [],
        party: c.party ?? [],
        is_temp: isTemp,
        expires_in: isTemp ? (c.expires_in ?? 7 * DAY) : undefined,
        chat_expires_in: isTemp ? (c.chat_expires_in ?? DAY) : undefined,
        unionid: isTemp ? c.unionid : undefined,
        is_exclusive: optBool(body.is_exclusive) ?? false,
        conclusions: isTemp ? c.conclusions : undefined,
        create_time: state.now(),
        rr: 0,
        seq: state.nextSeq(),
      };
      if (contactWayUsers(state, way).length > MAX_USERS) fail(41041);
      if (!isTemp && [...state.contactWays.values()].filter((w) => !w.is_temp).length >= MAX_WAYS)
        fail(41045);
      if (scene === 2) way.qr_code = qrCodeUrl(state, way.config_id);
      state.contactWays.set(way.config_id, way);
      state.contactWayList.push(way);
      if (!isTemp) state.apiContactWayCount++;
      const out: Json = { config_id: way.config_id };
      if (way.qr_code) out.qr_code = way.qr_code;
      return ok(out);
    },
  },
  {
    method: 'POST',
    path: 'externalcontact/get_contact_way',
    handler: ({ state, body }) => ok({ contact_way: renderWay(requireWay(state, body.config_id)) }),
  },
  {
    // 获取企业已配置的「联系我」列表 (DW 92228): only ways created through the API;
    // default range is the last 90 days; limit ≤1000, default 100.
    method: 'POST',
    path: 'externalcontact/list_contact_way',
    handler: ({ state, body }) => {
      const now = state.now();
      const end = optInt(body.end_time, 'end_time') ?? now;
      const start = optInt(body.start_time, 'start_time') ?? end - 90 * DAY;
      if (start > end) fail(40058, 'start_time greater than end_time');
      if (end - start > 90 * DAY) fail(40058, 'time range exceed 90 days');
      const limit = limitParam(body.limit, 100, 1000);
      const list = state.contactWayList;
      const out: Json[] = [];
      let next = '';
      for (let i = upperBoundBySeq(list, cursorSeq(optString(body.cursor))); i < list.length; i++) {
        const way = list[i];
        if (way.create_time < start || way.create_time > end) continue;
        if (out.length === limit) {
          next = encodeCursor([list[i - 1].seq]);
          break;
        }
        out.push({ config_id: way.config_id });
      }
      return ok({ contact_way: out, next_cursor: next });
    },
  },
  {
    // 更新企业已配置的「联系我」方式: type and scene cannot change.
    method: 'POST',
    path: 'externalcontact/update_contact_way',
    handler: ({ state, body }) => {
      const way = requireWay(state, body.config_id);
      const c = readCommon(body, way.is_temp, way.scene);
      const user = c.user ?? (c.party ? [] : way.user);
      const party = c.party ?? (c.user ? (way.type === 2 ? way.party : []) : way.party);
      if (c.user || c.party) checkMembers(state, way.type, user, party);
      const draft: ContactWay = { ...way, user, party };
      if (contactWayUsers(state, draft).length > MAX_USERS) fail(41041);
      way.user = user;
      way.party = party;
      if (c.style !== undefined && way.scene === 1) way.style = c.style;
      if (c.remark !== undefined) way.remark = c.remark;
      if (c.skip_verify !== undefined) way.skip_verify = c.skip_verify;
      if (c.state !== undefined) way.state = c.state;
      if (way.is_temp) {
        if (c.expires_in !== undefined) way.expires_in = c.expires_in;
        if (c.chat_expires_in !== undefined) way.chat_expires_in = c.chat_expires_in;
        if (c.unionid !== undefined) way.unionid = c.unionid;
        if (c.conclusions !== undefined) way.conclusions = c.conclusions;
      }
      return ok();
    },
  },
  {
    method: 'POST',
    path: 'externalcontact/del_contact_way',
    handler: ({ state, body }) => {
      const way = requireWay(state, body.config_id);
      state.contactWays.delete(way.config_id);
      const i = upperBoundBySeq(state.contactWayList, way.seq) - 1;
      if (state.contactWayList[i] === way) state.contactWayList.splice(i, 1);
      if (!way.is_temp) state.apiContactWayCount--;
      return ok();
    },
  },
  {
    // 发送新客户欢迎语 (DW 92599): within 20 s of the event, once.
    method: 'POST',
    path: 'externalcontact/send_welcome_msg',
    handler: ({ state, body }) => {
      const code = reqString(body.welcome_code, 'welcome_code', 41049);
      const rec = state.welcomeCodes.get(code);
      if (!rec) fail(41050, 'invalid welcome_code');
      if (rec.used) fail(41051);
      if (state.clock.nowMs() - rec.createdMs > state.config.welcomeCodeTtlSeconds * 1000)
        fail(41050, 'welcome_code expired');
      const text = body.text as Json | undefined;
      const content = text ? optString(text.content) : undefined;
      const attachments = checkAttachments(body.attachments, 9);
      if (!content && attachments.length === 0) fail(44004, 'text and attachments are empty');
      if (content !== undefined && Buffer.byteLength(content) > 4000)
        fail(40058, 'text.content exceed max length 4000');
      rec.used = true;
      state.welcomeMessages.push({
        welcome_code: code,
        userid: rec.userid,
        external_userid: rec.external_userid,
        text: content !== undefined ? { content } : undefined,
        attachments,
        sentAt: state.now(),
      });
      return ok();
    },
  },
];
