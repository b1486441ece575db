import { ActionError } from '../actions';
import { fail } from '../errors';
import type { GroupMsg, GroupMsgRecipient } from '../model';
import type { SandboxState } from '../state';
import { upperBoundBySeq } from '../state';
import { checkAttachmentMedia } from './media';
import type { ApiDef, Json } from './types';
import {
  checkAttachments,
  cursorSeq,
  encodeCursor,
  limitParam,
  ok,
  optInt,
  optString,
  optStringArray,
  reqString,
  requireFollowUser,
} from './util';

const DAY = 86400;
const CN_OFFSET = 8 * 3600;

/** Start (unix s) of the receive-limit window containing `t`, in China time, and the cap. */
export function massLimitWindow(
  mode: 'month' | 'week' | 'day',
  t: number,
): { start: number; cap: number } {
  const local = new Date((t + CN_OFFSET) * 1000);
  if (mode === 'day') {
    const start =
      Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) / 1000 - CN_OFFSET;
    return { start, cap: 1 };
  }
  if (mode === 'week') {
    const dow = (local.getUTCDay() + 6) % 7; // Monday = 0
    const start =
      Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - dow) / 1000 -
      CN_OFFSET;
    return { start, cap: 7 };
  }
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) / 1000 - CN_OFFSET;
  const days = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  // 每位客户/每个客户群每月最多可接收条数为当月天数 (DW 92135).
  return { start, cap: days };
}

export function requireMsg(state: SandboxState, v: unknown): GroupMsg {
  const msgid = reqString(v, 'msgid', 41046);
  const msg = state.groupMsgs.get(msgid);
  if (!msg) fail(41047, `invalid msgid ${msgid}`);
  return msg;
}

/** When each message's dispatch ends (real ms): its tasks and results answer 41063 until then. */
const dispatchedAt = new WeakMap<GroupMsg, number>();

/** 41063 群发消息正在被派发中，请稍后再试 while the message is still being dispatched. */
function requireDispatched(state: SandboxState, msg: GroupMsg): void {
  if (Date.now() < (dispatchedAt.get(msg) ?? 0)) fail(41063);
}

/** Times `key` (a customer or group) received a mass message in the current limit window. */
function receivedInWindow(state: SandboxState, key: string): { count: number; cap: number } {
  const { start, cap } = massLimitWindow(state.config.massMessageLimit, state.now());
  return { count: (state.massReceived.get(key) ?? []).filter((x) => x >= start).length, cap };
}

/** The member confirms and sends: each recipient gets status 1, 2 (not a friend) or 3 (limit). */
export function sendGroupMsg(
  state: SandboxState,
  msg: GroupMsg,
  userid: string,
): GroupMsgRecipient[] {
  const task = msg.tasks.get(userid);
  if (!task) throw new ActionError(400, `${userid} has no task in ${msg.msgid}`);
  if (msg.canceled) throw new ActionError(400, `${msg.msgid} was canceled`);
  if (task.status === 2) throw new ActionError(400, `${userid} already sent ${msg.msgid}`);
  const now = state.now();
  const { start, cap } = massLimitWindow(state.config.massMessageLimit, now);
  const sent: GroupMsgRecipient[] = [];
  for (const r of msg.recipients) {
    if (r.userid !== userid || r.status !== 0) continue;
    const key = r.external_userid ?? (r.chat_id as string);
    const reachable = r.external_userid
      ? !!state.getFollow(userid, r.external_userid)
      : !!state.groupChats.get(r.chat_id as string) &&
        !state.groupChats.get(r.chat_id as string)?.dismissed;
    if (!reachable) {
      r.status = 2;
    } else {
      const times = (state.massReceived.get(key) ?? []).filter((x) => x >= start);
      if (times.length >= cap) {
        r.status = 3;
      } else {
        times.push(now);
        state.massReceived.set(key, times);
        r.status = 1;
        r.send_time = now;
      }
    }
    sent.push(r);
  }
  task.status = 2;
  task.send_time = now;
  return sent;
}

function customerTags(state: SandboxState, externalUserId: string): Set<string> {
  const tags = new Set<string>();
  for (const f of state.activeFollowsOfCustomer(externalUserId))
    for (const t of f.tagIds) tags.add(t);
  return tags;
}

function tagFilter(body: Json): string[][] | null {
  const tf = body.tag_filter as Json | undefined;
  if (!tf || typeof tf !== 'object') return null;
  const groups = tf.group_list;
  if (groups === undefined) return null;
  if (!Array.isArray(groups)) fail(40058, 'tag_filter.group_list expect array');
  const out = (groups as Json[]).map(
    (g) => optStringArray(g?.tag_list, 'tag_filter.group_list.tag_list') ?? [],
  );
  return out.filter((g) => g.length > 0).length ? out.filter((g) => g.length > 0) : null;
}

/** 同组标签之间按或关系进行筛选，不同组标签按且关系筛选 (DW 92135). */
function matchTags(tags: Set<string>, filter: string[][] | null): boolean {
  if (!filter) return true;
  return filter.every((group) => group.some((t) => tags.has(t)));
}

export const groupMsgApis: ApiDef[] = [
  {
    // 创建企业群发 (DW 92135): only creates a task; each member must confirm to send.
    method: 'POST',
    path: 'externalcontact/add_msg_template',
    handler: ({ state, body }) => {
      const chatType = optString(body.chat_type) ?? 'single';
      if (chatType !== 'single' && chatType !== 'group')
        fail(40058, `invalid chat_type ${chatType}`);
      const text = body.text as Json | undefined;
      const content = text ? optString(text.content) : undefined;
      const attachments = checkAttachments(body.attachments, 9);
      if (!content && attachments.length === 0) fail(44004, 'text and attachments are empty');
      if (content !== undefined && Buffer.byteLength(content) > 4000)
        fail(40058, 'text.content exceed max length 4000');
      checkAttachmentMedia(state, attachments);
      const senderId = optString(body.sender);
      const sender = senderId ? requireFollowUser(state, senderId, 'sender') : undefined;
      const recipients: GroupMsgRecipient[] = [];
      const failList: string[] = [];
      if (chatType === 'group') {
        // 发送企业群发消息的成员userid，当类型为发送给客户群时必填
        if (!sender) fail(41009, 'sender missing');
        const chatIds = optStringArray(body.chat_id_list, 'chat_id_list');
        if (chatIds && chatIds.length > 2000) fail(40058, 'chat_id_list exceed max size 2000');
        const owned = state.groupChatList.filter((c) => !c.dismissed && c.owner === sender.userid);
        const wanted = chatIds?.length ? new Set(chatIds) : null;
        for (const c of owned)
          if (!wanted || wanted.has(c.chat_id))
            recipients.push({ chat_id: c.chat_id, userid: sender.userid, status: 0 });
      } else {
        const ids = optStringArray(body.external_userid, 'external_userid');
        if (ids && ids.length > 10000) fail(40058, 'external_userid exceed max size 10000');
        // external_userid 和 sender 不能同时为空
        if (!ids?.length && !sender) fail(40058, 'external_userid and sender cannot both be empty');
        const filter = tagFilter(body);
        for (const g of filter ?? [])
          for (const t of g) if (!state.tags.has(t)) fail(40068, `invalid tagid ${t}`);
        const candidates: string[] = ids?.length
          ? [...new Set(ids)]
          : sender
            ? state.followsOfUser(sender.userid).map((f) => f.external_userid)
            : [...state.customers.keys()];
        for (const id of candidates) {
          if (!state.customers.has(id)) {
            failList.push(id);
            continue;
          }
          let userid: string | undefined;
          if (sender) {
            userid = state.getFollow(sender.userid, id) ? sender.userid : undefined;
          } else {
            // 仅会推送给最后跟客户进行聊天互动的企业成员: the latest relation stands in for that.
            const follows = state
              .activeFollowsOfCustomer(id)
              .filter((f) => state.users.get(f.userid)?.customerContact);
            userid = follows.sort((a, b) => b.createtime - a.createtime)[0]?.userid;
          }
          if (!userid) {
            failList.push(id);
            continue;
          }
          if (!matchTags(customerTags(state, id), filter)) continue;
          // a customer who already received as many mass messages as the period allows
          const { count, cap } = receivedInWindow(state, id);
          if (count >= cap) {
            failList.push(id);
            continue;
          }
          recipients.push({ external_userid: id, userid, status: 0 });
        }
      }
      if (recipients.length === 0) fail(41048, undefined, { fail_list: failList });
      const msg: GroupMsg = {
        msgid: state.ids.msgId(),
        chat_type: chatType as 'single' | 'group',
        creator: sender?.userid ?? '',
        create_time: state.now(),
        create_type: 0,
        text: content !== undefined ? { content } : undefined,
        attachments,
        tasks: new Map(),
        recipients,
        remindTimes: [],
        canceled: false,
        seq: state.nextSeq(),
      };
      for (const r of recipients)
        if (!msg.tasks.has(r.userid)) msg.tasks.set(r.userid, { userid: r.userid, status: 0 });
      state.groupMsgs.set(msg.msgid, msg);
      state.groupMsgList.push(msg);
      dispatchedAt.set(msg, Date.now() + state.config.groupMsgDispatchSeconds * 1000);
      return ok({ fail_list: failList, msgid: msg.msgid });
    },
  },
  {
    // 获取群发记录列表 (DW 93338): limit ≤100 (default 50).
    method: 'POST',
    path: 'externalcontact/get_groupmsg_list_v2',
    handler: ({ state, body }) => {
      const chatType = reqString(body.chat_type, 'chat_type');
      if (chatType !== 'single' && chatType !== 'group')
        fail(40058, `invalid chat_type ${chatType}`);
      const start = optInt(body.start_time, 'start_time');
      const end = optInt(body.end_time, 'end_time');
      if (start === undefined || end === undefined)
        fail(40058, 'start_time and end_time are required');
      if (start > end) fail(40058, 'start_time greater than end_time');
      const creator = optString(body.creator);
      const filterType = optInt(body.filter_type, 'filter_type') ?? 2;
      const limit = limitParam(body.limit, 50, 100);
      const list = state.groupMsgList;
      const out: Json[] = [];
      let next = '';
      for (let i = upperBoundBySeq(list, cursorSeq(optString(body.cursor))); i < list.length; i++) {
        const m = list[i];
        if (m.chat_type !== chatType || m.create_time < start || m.create_time > end) continue;
        if (creator && m.creator !== creator) continue;
        if (filterType !== 2 && m.create_type !== filterType) continue;
        if (out.length === limit) {
          next = encodeCursor([list[i - 1].seq]);
          break;
        }
        const item: Json = {
          msgid: m.msgid,
          creator: m.creator,
          create_time: String(m.create_time),
          create_type: m.create_type,
        };
        if (m.text) item.text = m.text;
        item.attachments = m.attachments;
        out.push(item);
      }
      return ok({ next_cursor: next, group_msg_list: out });
    },
  },
  {
    // 获取群发成员发送任务列表: limit ≤1000 (default 500).
    method: 'POST',
    path: 'externalcontact/get_groupmsg_task',
    handler: ({ state, body }) => {
      const msg = requireMsg(state, body.msgid);
      requireDispatched(state, msg);
      const limit = limitParam(body.limit, 500, 1000);
      const tasks = [...msg.tasks.values()];
      const start = cursorSeq(optString(body.cursor));
      const page = tasks.slice(start, start + limit);
      return ok({
        next_cursor: start + limit < tasks.length ? encodeCursor([start + limit]) : '',
        task_list: page.map((t) =>
          t.status === 2
            ? { userid: t.userid, status: 2, send_time: t.send_time }
            : { userid: t.userid, status: 0 },
        ),
      });
    },
  },
  {
    // 获取企业群发成员执行结果: per recipient status 0/1/2/3; limit ≤1000 (default 500).
    method: 'POST',
    path: 'externalcontact/get_groupmsg_send_result',
    handler: ({ state, body }) => {
      const msg = requireMsg(state, body.msgid);
      requireDispatched(state, msg);
      const userid = reqString(body.userid, 'userid', 41009);
      const limit = limitParam(body.limit, 500, 1000);
      const rows = msg.recipients.filter((r) => r.userid === userid);
      const start = cursorSeq(optString(body.cursor));
      const page = rows.slice(start, start + limit);
      return ok({
        next_cursor: start + limit < rows.length ? encodeCursor([start + limit]) : '',
        send_list: page.map((r) => {
          const out: Json = {};
          if (r.external_userid) out.external_userid = r.external_userid;
          if (r.chat_id) out.chat_id = r.chat_id;
          out.userid = r.userid;
          out.status = r.status;
          if (r.status === 1) out.send_time = r.send_time;
          return out;
        }),
      });
    },
  },
  {
    // 提醒成员群发 (DW 97610): 24小时内每个群发最多触发三次提醒.
    method: 'POST',
    path: 'externalcontact/remind_groupmsg_send',
    handler: ({ state, body }) => {
      const msg = requireMsg(state, body.msgid);
      if (msg.canceled) fail(41093);
      const now = state.now();
      msg.remindTimes = msg.remindTimes.filter((t) => t > now - DAY);
      if (msg.remindTimes.length >= 3) fail(41094, 'remind at most 3 times in 24 hours');
      msg.remindTimes.push(now);
      return ok();
    },
  },
  {
    // 停止企业群发 (DW 97610): the unsent part stops; reminders afterwards answer 41093.
    method: 'POST',
    path: 'externalcontact/cancel_groupmsg_send',
    handler: ({ state, body }) => {
      const msg = requireMsg(state, body.msgid);
      msg.canceled = true;
      return ok();
    },
  },
];
