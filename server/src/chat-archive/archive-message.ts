import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../common/validation/validation-exception.factory';
import { ArchiveMessageDto, INGEST_BATCH_MAX, IngestMessagesDto } from './dto/chat-archive.dto';

/**
 * One decrypted archive message as `DecryptData` gives it (DW 91774): the common fields, and the
 * type's own object (`text`, `image`, `mixed`, …) kept as it came.
 */
export interface ArchiveMessage {
  msgid: string;
  action: 'send' | 'recall' | 'switch';
  from: string;
  tolist: string[];
  roomid: string;
  /** ms since the epoch. */
  msgtime: number;
  msgtype: string;
  [field: string]: unknown;
}

/** A message as stored and as the chat rules see it. */
export interface StoredMessage {
  id: string;
  corpId: string;
  msgid: string;
  action: string;
  from: string;
  tolist: string[];
  roomid: string;
  msgtime: number;
  msgtype: string;
  /** The text the rules read ('' for media and control records). */
  text: string;
}

/** External contacts' ids start with wm/wo (robots with wb); anything else is a member's userid. */
export const isExternalId = (id: string) => /^w[mo]/.test(id);
export const isRobotId = (id: string) => id.startsWith('wb');
export const isStaffId = (id: string) => !!id && !isExternalId(id) && !isRobotId(id);

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const join = (...parts: unknown[]) =>
  parts
    .map(str)
    .filter((p) => p.length)
    .join(' ');

/**
 * The text of a message, by type (the design notes' table, wecom-api-operations.md §5): what a
 * chat rule matches and the history shows. Media and control records have none.
 */
export function messageText(m: Obj): string {
  const type = str(m.msgtype);
  const body = obj(m[type]);
  switch (type) {
    case 'text':
      return str(body.content);
    case 'markdown':
      return str(obj(m.info).content || body.content);
    case 'news':
      return ((obj(m.info).item ?? body.item ?? []) as unknown[])
        .map((i) => join(obj(i).title, obj(i).description))
        .join(' ');
    case 'mixed': {
      const items = (obj(m.mixed).item ?? []) as unknown[];
      return items
        .map((i) => {
          const it = obj(i);
          let content: unknown = it.content;
          if (typeof content === 'string') {
            try {
              content = JSON.parse(content);
            } catch {
              return content;
            }
          }
          return messageText({ msgtype: it.type, [str(it.type)]: content });
        })
        .filter(Boolean)
        .join(' ');
    }
    case 'link':
    case 'weapp':
      return join(body.title, body.description);
    case 'file':
      return str(body.filename);
    case 'chatrecord':
      return ((body.item ?? []) as unknown[]).map((i) => str(obj(i).content)).join(' ');
    case 'todo':
      return join(body.title, body.content);
    case 'vote':
      return join(body.votetitle, ...((body.voteitem ?? []) as unknown[]));
    case 'location':
      return join(body.title, body.address);
    case 'calendar':
      return join(body.title, body.place, body.remarks);
    case 'sphfeed':
      return str(body.feed_desc);
    case 'redpacket':
    case 'external_redpacket':
      return str(body.wish);
    case 'docmsg':
      return join(obj(m.doc).title);
    case 'meeting':
      return str(body.topic);
    default:
      return '';
  }
}

const MSGID = /^[\w.@=+/-]{1,128}$/;
const ACTIONS = new Set(['send', 'recall', 'switch']);
const short = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;

/**
 * A fast check that implies ArchiveMessageDto's (a strict subset of what it accepts): most
 * messages pass it, and only the others go through class-validator, which names the bad field.
 * class-validator took ~75 ms per 1,000 messages on a loaded box, a third of an ingest request.
 */
function plainlyValid(m: Obj): boolean {
  return (
    typeof m.msgid === 'string' &&
    MSGID.test(m.msgid) &&
    typeof m.action === 'string' &&
    ACTIONS.has(m.action) &&
    short(m.from, 64) &&
    Array.isArray(m.tolist) &&
    m.tolist.length <= 10000 &&
    m.tolist.every((t) => short(t, 64)) &&
    short(m.roomid, 64) &&
    Number.isInteger(m.msgtime) &&
    (m.msgtime as number) >= 0 &&
    short(m.msgtype, 32)
  );
}

export type NormalizeResult =
  { ok: true; message: ArchiveMessage } | { ok: false; errors: Record<string, string[]> };

/**
 * Checks one message's common fields (class-validator, ArchiveMessageDto) and fills the shape a
 * `switch` record lacks (`time` → msgtime, `user` → from). The type's own object is kept as it is.
 */
export function normalizeMessage(raw: unknown, path: string): NormalizeResult {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, errors: { [path]: ['each message must be an object'] } };
  const m = { ...(raw as Obj) };
  if (m.action === 'switch') {
    m.msgtime ??= m.time;
    m.from ??= m.user;
    m.tolist ??= [];
    m.msgtype ??= 'switch';
  }
  m.roomid ??= '';
  if (plainlyValid(m)) return { ok: true, message: m as ArchiveMessage };
  const dto = plainToInstance(ArchiveMessageDto, m);
  const errors = validateSync(dto, { whitelist: false, forbidUnknownValues: false });
  if (errors.length) return { ok: false, errors: flattenValidationErrors(errors, path) };
  return { ok: true, message: m as ArchiveMessage };
}

export type IngestBodyResult =
  { ok: true; messages: unknown[] } | { ok: false; errors: Record<string, string[]> };

const isPlainObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The ingest request's body, checked like IngestMessagesDto (only `messages`, an array of 1 to
 * 1,000 objects) without the global ValidationPipe's copy of every message (class-transformer
 * took ~16 ms of a 1,000-message request): a body that passes the plain check is taken as it
 * is; any other goes through class-validator, for the same 400 naming the field.
 */
export function checkIngestBody(body: unknown): IngestBodyResult {
  if (isPlainObject(body)) {
    const b = body as Obj;
    const m = b.messages;
    if (
      Object.keys(b).length === 1 &&
      Array.isArray(m) &&
      m.length >= 1 &&
      m.length <= INGEST_BATCH_MAX &&
      m.every(isPlainObject)
    )
      return { ok: true, messages: m };
  }
  const dto = plainToInstance(IngestMessagesDto, isPlainObject(body) ? body : {});
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  return {
    ok: false,
    errors: errors.length
      ? flattenValidationErrors(errors)
      : { messages: ['messages must be an array'] },
  };
}
