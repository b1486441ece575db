import { ActionError } from '../actions';
import { fail } from '../errors';
import type { SandboxState } from '../state';
import type { ApiDef } from './types';
import { ok, optInt } from './util';

/**
 * 会话内容存档 (DW 91774). WeCom serves the archive only through its C SDK: `GetChatData(seq,
 * limit, proxy, passwd, timeout)` returns `{"errcode":0,"errmsg":"ok","chatdata":[{seq, msgid,
 * publickey_ver, encrypt_random_key, encrypt_chat_msg}]}` and `DecryptData` opens each record.
 * The sandbox has no SDK: `msgaudit/sandbox_get_chat_data` answers GetChatData's envelope over
 * HTTP, each record already decrypted as `message`. seq is exclusive; limit 1..1000 (WeCom's
 * SDK refuses more).
 */
export const msgauditApis: ApiDef[] = [
  {
    method: 'POST',
    path: 'msgaudit/sandbox_get_chat_data',
    scopes: ['agent', 'contact'],
    handler: ({ state, body }) => {
      const seq = optInt(body.seq, 'seq') ?? 0;
      const limit = optInt(body.limit, 'limit') ?? 1000;
      if (seq < 0) fail(40058, 'seq should be >= 0');
      if (limit < 1 || limit > 1000) fail(40058, 'limit should be in [1, 1000]');
      // archive seqs are 1..n in order: seq itself is the index of the next record
      const items = state.archive.slice(seq, seq + limit);
      return ok({
        chatdata: items.map(({ seq: s, ...message }) => ({
          seq: s,
          msgid: message.msgid,
          publickey_ver: 1,
          message,
        })),
      });
    },
  },
];

/** The 会话存档 app's AgentID in WeCom's sample of msgaudit_notify (wecom-api-operations.md §5). */
export const MSGAUDIT_AGENT_ID = 2000003;

type Body = Record<string, unknown>;

/**
 * A person sends a message (the control API's `POST /sandbox/archive/messages`): it enters the
 * archive with the next seq, and WeCom's `msgaudit_notify` event (no content) goes to the
 * callback URL, unless one is still waiting to be delivered (WeCom sends it at most every ~15 s).
 *
 * Body: `from`, `tolist` (or `to`), `roomid` ('' or absent: a private chat), and either
 * `content` (a text message) or `msgtype` with the type's object (`{"msgtype":"link","link":{…}}`).
 */
export function archiveSend(state: SandboxState, b: Body): { seq: number; msgid: string } {
  const from = typeof b.from === 'string' ? b.from : '';
  const tolist = Array.isArray(b.tolist) ? b.tolist.map(String) : b.to ? [String(b.to)] : [];
  const msgtype = typeof b.msgtype === 'string' ? b.msgtype : 'text';
  const content = String(b.content ?? (b.text as Body | undefined)?.content ?? '');
  if (!from || tolist.length === 0) throw new ActionError(400, 'from and tolist are required');
  if (msgtype === 'text' && !content) throw new ActionError(400, 'content is required');
  if (msgtype !== 'text' && (typeof b[msgtype] !== 'object' || b[msgtype] === null))
    throw new ActionError(400, `${msgtype} (the type's object) is required`);
  const roomid = typeof b.roomid === 'string' ? b.roomid : '';
  if (roomid && !state.groupChats.has(roomid))
    throw new ActionError(404, `group chat ${roomid} not found`);
  const msgtime = Number(b.msgtime ?? state.clock.nowMs());
  const seq = state.archive.length + 1;
  const msgid = String(b.msgid ?? `${state.ids.unique('', 19, '0123456789')}_${msgtime}_external`);
  state.archive.push({
    seq,
    msgid,
    action: 'send',
    from,
    tolist,
    roomid,
    msgtime,
    msgtype,
    ...(msgtype === 'text' ? { text: { content } } : { [msgtype]: b[msgtype] }),
  });
  const waiting = state.callbackDeliveries.some(
    (d) => d.event === 'msgaudit_notify' && d.status === 'pending',
  );
  if (!waiting && b.notify !== false)
    state.emit({ event: 'msgaudit_notify', fields: [['AgentID', MSGAUDIT_AGENT_ID]] });
  return { seq, msgid };
}
