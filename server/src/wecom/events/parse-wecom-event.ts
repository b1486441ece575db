import { parseWecomXml } from '../../callbacks/callback-xml';
import {
  ChangeType,
  Event,
  EVENT_CHANGE_TYPES,
  KnownWecomEvent,
  UnknownWecomEvent,
  WecomEvent,
} from './wecom-event';

type Kind = 'string' | 'int' | 'ints' | 'strings' | 'items';

/** How each field is read; fields not listed stay strings. */
const FIELD_KINDS: Record<string, Kind> = {
  CreateTime: 'int',
  JoinScene: 'int',
  QuitScene: 'int',
  MemChangeCnt: 'int',
  MemChangeList: 'items',
  MainDepartment: 'int',
  Gender: 'int',
  Status: 'int',
  ParentId: 'int',
  Order: 'int',
  TagId: 'int',
  Department: 'ints',
  IsLeaderInDept: 'ints',
  DirectLeader: 'strings',
  AddUserItems: 'strings',
  DelUserItems: 'strings',
  AddPartyItems: 'ints',
  DelPartyItems: 'ints',
};

const PAIR = ['UserID', 'ExternalUserID'];

/** Fields WeCom always sends with each event (without them the event is `unknown`). */
const REQUIRED: Partial<Record<`${Event}/${ChangeType}`, string[]>> = {
  'change_external_contact/add_external_contact': PAIR,
  'change_external_contact/add_half_external_contact': PAIR,
  'change_external_contact/edit_external_contact': PAIR,
  'change_external_contact/del_external_contact': PAIR,
  'change_external_contact/del_follow_user': PAIR,
  'change_external_contact/transfer_fail': [...PAIR, 'FailReason'],
  'change_external_contact/msg_audit_approved': PAIR,
  'change_external_chat/create': ['ChatId'],
  'change_external_chat/update': ['ChatId'],
  'change_external_chat/dismiss': ['ChatId'],
  'change_external_tag/create': ['Id', 'TagType'],
  'change_external_tag/update': ['Id', 'TagType'],
  'change_external_tag/delete': ['Id', 'TagType'],
  'change_contact/create_user': ['UserID'],
  'change_contact/update_user': ['UserID'],
  'change_contact/delete_user': ['UserID'],
  'change_contact/create_party': ['Id'],
  'change_contact/update_party': ['Id'],
  'change_contact/delete_party': ['Id'],
  'change_contact/update_tag': ['TagId'],
};

/** Department `Id` is a number; a tag's `Id` is a string. */
const PARTY = new Set(['create_party', 'update_party', 'delete_party']);

const isEvent = (v: string): v is Event => (Object.values(Event) as string[]).includes(v);

/** What the inbox row knows when the stored fields lack the envelope (older rows, tests). */
export interface EnvelopeDefaults {
  ToUserName?: string;
  CreateTime?: number;
}

/**
 * The typed event of a decrypted callback's fields (as `parseWecomXml` returns them, and as the
 * inbox stores them). Never throws: what it cannot type is an `UnknownWecomEvent`.
 */
export function parseWecomEvent(
  fields: Record<string, unknown>,
  defaults: EnvelopeDefaults = {},
): WecomEvent {
  const event = text(fields.Event) ?? '';
  const changeType = text(fields.ChangeType) ?? '';
  const unknown = (reason: string): UnknownWecomEvent => ({
    type: 'unknown',
    Event: event,
    ChangeType: changeType,
    reason,
    fields,
    ...envelope(fields, defaults),
  });
  if (!isEvent(event)) return unknown(event ? `no such Event ${event}` : 'no Event');
  if (!(EVENT_CHANGE_TYPES[event] as readonly string[]).includes(changeType))
    return unknown(changeType ? `no such ChangeType ${changeType}` : 'no ChangeType');
  const type = `${event}/${changeType}` as KnownWecomEvent['type'];
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(fields)) {
    const kind = name === 'Id' && PARTY.has(changeType) ? 'int' : (FIELD_KINDS[name] ?? 'string');
    const value = read(kind, raw);
    if (value !== undefined) out[name] = value;
  }
  const env = envelope(fields, defaults);
  if (env.CreateTime === undefined) return unknown('missing CreateTime');
  for (const name of REQUIRED[type] ?? [])
    if (out[name] === undefined || out[name] === '') return unknown(`missing ${name}`);
  if ('TagType' in out && out.TagType !== 'tag' && out.TagType !== 'tag_group')
    return unknown(`no such TagType ${String(out.TagType)}`);
  return {
    ...out,
    ...env,
    MsgType: text(fields.MsgType) ?? 'event',
    type,
    Event: event,
    ChangeType: changeType,
  } as KnownWecomEvent;
}

/** The typed event of a decrypted callback body. */
export function parseWecomEventXml(xml: string): WecomEvent {
  return parseWecomEvent(parseWecomXml(xml));
}

function envelope(fields: Record<string, unknown>, defaults: EnvelopeDefaults) {
  const created = read('int', fields.CreateTime);
  return {
    ToUserName: text(fields.ToUserName) ?? defaults.ToUserName ?? '',
    FromUserName: text(fields.FromUserName) ?? '',
    CreateTime:
      typeof created === 'number'
        ? created
        : Number.isFinite(defaults.CreateTime)
          ? defaults.CreateTime
          : undefined,
  };
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function int(v: string): number | undefined {
  return /^-?\d+$/.test(v.trim()) ? Number(v) : undefined;
}

function read(kind: Kind, raw: unknown): unknown {
  if (kind === 'items') {
    const items = (raw as { Item?: unknown } | null)?.Item;
    const list = Array.isArray(items) ? items : items === undefined ? [] : [items];
    return list.map(text).filter((s): s is string => s !== undefined);
  }
  const s = text(raw);
  if (s === undefined) return undefined;
  if (kind === 'string') return s;
  if (kind === 'int') return int(s);
  const parts = s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (kind === 'strings') return parts;
  const nums = parts.map(int);
  return nums.every((n) => n !== undefined) ? nums : undefined;
}
