import { fail } from '../errors';
import type { Follow, User } from '../model';
import type { SandboxState } from '../state';
import type { Json } from './types';

export function optString(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** Required string field; missing or empty → `missingCode`. */
export function reqString(v: unknown, field: string, missingCode = 40058): string {
  const s = optString(v);
  if (s === undefined || s === '') fail(missingCode, `${field} missing`);
  return s;
}

export function optInt(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) fail(40058, `${field} expect number`);
  return Math.trunc(n);
}

export function optBool(v: unknown): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1 || v === '1') return true;
  if (v === 'false' || v === 0 || v === '0') return false;
  return undefined;
}

export function optStringArray(v: unknown, field: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) fail(40058, `${field} expect array`);
  return v.map((x) => {
    const s = optString(x);
    if (s === undefined) fail(40058, `${field} expect string array`);
    return s;
  });
}

/** `limit` with WeCom semantics: default when absent, values over the max are clamped. */
export function limitParam(v: unknown, def: number, max: number, field = 'limit'): number {
  const n = optInt(v, field);
  if (n === undefined || n <= 0) return def;
  return Math.min(n, max);
}

/** Length in characters (WeCom counts characters, not bytes, for 「不超过30个字符」). */
export function charLength(s: string): number {
  return [...s].length;
}

export function encodeCursor(parts: Array<string | number>): string {
  return Buffer.from(parts.join('\u0001')).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): string[] | null {
  if (!cursor) return null;
  let parts: string[];
  try {
    parts = Buffer.from(cursor, 'base64url').toString().split('\u0001');
  } catch {
    fail(40058, 'invalid cursor');
  }
  if (parts.length !== arity) fail(40058, 'invalid cursor');
  return parts;
}

export function cursorSeq(cursor: string | undefined): number {
  const parts = decodeCursor(cursor, 1);
  if (!parts) return 0;
  const n = Number(parts[0]);
  if (!Number.isFinite(n)) fail(40058, 'invalid cursor');
  return n;
}

/** userid syntax: 1~64 bytes of letters, digits and _-@. (DW 90195). */
const USERID_RE = /^[A-Za-z0-9_\-@.]{1,64}$/;

/** A member of the address book (departed members are gone from it → 60111). */
export function requireUser(state: SandboxState, v: unknown, field = 'userid'): User {
  const userid = reqString(v, field, 41009);
  if (!USERID_RE.test(userid)) fail(40003, `invalid ${field} ${userid}`);
  const user = state.users.get(userid);
  if (!state.isActive(user)) fail(60111, `userid not found: ${userid}`);
  return user;
}

/** A member who can use 客户联系 (84074 没有外部联系人权限 otherwise). */
export function requireFollowUser(state: SandboxState, v: unknown, field = 'userid'): User {
  const user = requireUser(state, v, field);
  if (!user.customerContact)
    fail(84074, `${field} ${user.userid} has no customer contact permission`);
  return user;
}

const EXTERNAL_RE = /^w[mo][A-Za-z0-9_-]{10,60}$/;

/** A known external contact: invalid or unknown ids → 40096 不合法的外部联系人userid. */
export function requireCustomerId(
  state: SandboxState,
  v: unknown,
  field = 'external_userid',
): string {
  const id = reqString(v, field, 41035);
  if (!EXTERNAL_RE.test(id) || !state.customers.has(id)) fail(40096, `invalid ${field} ${id}`);
  return id;
}

export function requireFollow(state: SandboxState, userid: string, externalUserId: string): Follow {
  const follow = state.getFollow(userid, externalUserId);
  if (!follow) fail(84061, `${userid} has no relation with ${externalUserId}`);
  return follow;
}

export function ok(data: Json = {}): Json {
  return { errcode: 0, errmsg: 'ok', ...data };
}

/** Validate attachments as in add_msg_template / send_welcome_msg (≤9, known msgtypes). */
export function checkAttachments(v: unknown, max = 9): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(40058, 'attachments expect array');
  if (v.length > max) fail(40058, `attachments exceed max size ${max}`);
  const allowed = new Set(['image', 'link', 'miniprogram', 'video', 'file']);
  for (const a of v as Json[]) {
    const type = optString(a?.msgtype);
    if (!type || !allowed.has(type) || typeof a[type] !== 'object')
      fail(41065, `invalid attachment msgtype ${type}`);
  }
  return v;
}
