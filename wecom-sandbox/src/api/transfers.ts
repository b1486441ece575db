import { processDueTransfers } from '../actions';
import { fail, formatErrmsg } from '../errors';
import type { TransferRecord, User } from '../model';
import type { SandboxState } from '../state';
import { upperBoundBySeq } from '../state';
import type { ApiDef, Json } from './types';
import {
  charLength,
  cursorSeq,
  decodeCursor,
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

/**
 * Sandbox-only bookkeeping for tests: how many customer-transfer calls named each customer
 * (whatever WeCom answered for it), and how many calls each transfer API served. Read through
 * `GET /sandbox/transfers/calls`.
 */
export interface TransferCallLog {
  perCustomer: Map<string, number>;
  perApi: Map<string, number>;
}
const callLogs = new WeakMap<SandboxState, TransferCallLog>();

export function transferCallLog(state: SandboxState): TransferCallLog {
  let log = callLogs.get(state);
  if (!log) {
    log = { perCustomer: new Map(), perApi: new Map() };
    callLogs.set(state, log);
  }
  return log;
}

/**
 * Sandbox-only fault gate for tests: the next `pass` customer-transfer calls go through, the
 * `hold` after them wait until `releaseTransferHold` (so a test can kill the caller mid-call):
 * released with `apply`, the transfer happens as if WeCom got the call and its answer was lost;
 * without, as if the call never reached WeCom.
 */
interface TransferHold {
  pass: number;
  hold: number;
  waiting: Array<(apply: boolean) => void>;
}
const holds = new WeakMap<SandboxState, TransferHold>();

export function setTransferHold(state: SandboxState, pass: number, hold: number): void {
  holds.set(state, { pass, hold, waiting: [] });
}

export function heldTransferCalls(state: SandboxState): number {
  return holds.get(state)?.waiting.length ?? 0;
}

/** Lets the held calls go (apply: WeCom applies them); returns how many. */
export function releaseTransferHold(state: SandboxState, apply: boolean): number {
  const h = holds.get(state);
  holds.delete(state);
  for (const w of h?.waiting ?? []) w(apply);
  return h?.waiting.length ?? 0;
}

/** null: answer now; a promise: the call is held (resolves with whether to apply it). */
function holdGate(state: SandboxState): Promise<boolean> | null {
  const h = holds.get(state);
  if (!h) return null;
  if (h.pass > 0) {
    h.pass--;
    return null;
  }
  if (h.hold <= 0) return null;
  h.hold--;
  return new Promise((resolve) => h.waiting.push(resolve));
}

/** Runs `apply` now, or when a held call is released (failing as unreached when not applied). */
function gated(state: SandboxState, apply: () => Json): Json | Promise<Json> {
  const gate = holdGate(state);
  if (!gate) return apply();
  return gate.then((go) => {
    if (!go) fail(-1, 'the call never reached WeCom (sandbox hold released without applying)');
    return apply();
  });
}

function countCall(state: SandboxState, api: string, customers: string[] = []): void {
  const log = transferCallLog(state);
  log.perApi.set(api, (log.perApi.get(api) ?? 0) + 1);
  for (const id of customers) log.perCustomer.set(id, (log.perCustomer.get(id) ?? 0) + 1);
}

function customerList(body: Json): string[] {
  const list = optStringArray(body.external_userid, 'external_userid');
  if (!list || list.length === 0) fail(41035, 'external_userid missing');
  if (list.length > 100) fail(40058, 'external_userid exceed max size 100');
  return list;
}

/** Departed member, still known to the corp (for 离职继承). */
function requireDeparted(state: SandboxState, v: unknown): User {
  const userid = reqString(v, 'handover_userid', 41009);
  const user = state.users.get(userid);
  if (!user) fail(60111, `handover_userid not found: ${userid}`);
  if (state.isActive(user)) fail(40097, `${userid} has not resigned`);
  return user;
}

function perCustomer(
  state: SandboxState,
  kind: 'onjob' | 'resigned',
  handover: string,
  takeover: string,
  id: string,
  successMsg?: string,
): number {
  if (!/^w[mo][A-Za-z0-9_-]{10,60}$/.test(id) || !state.customers.has(id)) return 40096;
  if (!state.getFollow(handover, id)) return 40131;
  if (handover === takeover) return 40130;
  if (state.pendingTransfer(id)) return 40129;
  const now = state.now();
  if (kind === 'onjob') {
    // 90个自然日内，在职成员的每位客户仅可被转接2次 (DW 96325).
    const recent = (state.transfersByCustomer.get(id) ?? []).filter(
      (t) => t.kind === 'onjob' && t.createdAt > now - 90 * DAY,
    );
    if (recent.length >= 2) return 40128;
  }
  state.addTransfer({
    kind,
    handover_userid: handover,
    takeover_userid: takeover,
    external_userid: id,
    status: 2,
    createdAt: now,
    takeover_time: now + state.config.transferDelaySeconds,
    transfer_success_msg: successMsg,
  });
  return 0;
}

function transferResult(state: SandboxState, body: Json, kind: 'onjob' | 'resigned'): Json {
  countCall(state, kind === 'onjob' ? 'transfer_result' : 'resigned/transfer_result');
  const handover = reqString(body.handover_userid, 'handover_userid', 41009);
  const takeover = reqString(body.takeover_userid, 'takeover_userid', 41009);
  processDueTransfers(state);
  const list = (state.transfersByPair.get(`${handover}\u0000${takeover}`) ?? []).filter(
    (t) => t.kind === kind,
  );
  const start = upperBoundBySeq(list, cursorSeq(optString(body.cursor)));
  const page = list.slice(start, start + 1000);
  const more = start + 1000 < list.length;
  return ok({
    customer: page.map((t: TransferRecord) => ({
      external_userid: t.external_userid,
      status: t.status,
      // 客户拒绝时 takeover_time 为 0 (wecom-api-operations.md §3)
      takeover_time: t.status === 3 ? 0 : t.takeover_time,
    })),
    next_cursor: more ? encodeCursor([page[page.length - 1].seq]) : '',
  });
}

function groupTransfer(state: SandboxState, body: Json, resigned: boolean): Json {
  countCall(state, resigned ? 'groupchat/transfer' : 'groupchat/onjob_transfer');
  const ids = optStringArray(body.chat_id_list, 'chat_id_list');
  if (!ids || ids.length === 0) fail(40058, 'chat_id_list missing');
  if (ids.length > 100) fail(40058, 'chat_id_list exceed max size 100');
  const newOwner = requireFollowUser(state, body.new_owner, 'new_owner');
  const now = state.now();
  const failed: Json[] = [];
  const failItem = (chatId: string, errcode: number, detail?: string) =>
    failed.push({ chat_id: chatId, errcode, errmsg: formatErrmsg(errcode, detail) });
  for (const chatId of ids) {
    const chat = state.groupChats.get(chatId);
    if (!chat || chat.dismissed) {
      failItem(chatId, 90501);
      continue;
    }
    const ownerActive = state.isActive(state.users.get(chat.owner));
    if (resigned && ownerActive) {
      failItem(chatId, 90500);
      continue;
    }
    if (!resigned && !ownerActive) {
      failItem(chatId, 90502);
      continue;
    }
    if (chat.owner === newOwner.userid) {
      failItem(chatId, 90504);
      continue;
    }
    if (!resigned) {
      // 90个自然日内，在职成员的每个客户群仅可被转接2次 (DW 95703).
      const recent = state.groupChatTransfers.filter(
        (t) => t.chat_id === chatId && !t.resigned && t.time > now - 90 * DAY,
      ).length;
      if (recent >= 2) {
        failItem(chatId, 40128, 'chat transferred twice in 90 days');
        continue;
      }
    }
    {
      // 300 groups per day per original owner (DW 96334; 在职: 300 per day per person, DW 95703).
      const today = state.groupChatTransfers.filter(
        (t) => t.from === chat.owner && t.time > now - DAY,
      ).length;
      if (today >= state.config.groupChatTransferDailyLimit) {
        failItem(
          chatId,
          45009,
          `original owner exceeded ${state.config.groupChatTransferDailyLimit} chats per day`,
        );
        continue;
      }
    }
    state.groupChatTransfers.push({
      chat_id: chatId,
      from: chat.owner,
      to: newOwner.userid,
      time: now,
      resigned,
    });
    if (!chat.members.has(newOwner.userid)) {
      chat.members.set(newOwner.userid, {
        userid: newOwner.userid,
        type: 1,
        join_time: now,
        join_scene: 1,
        group_nickname: '',
        name: newOwner.name,
      });
    }
    chat.owner = newOwner.userid;
    if (resigned) chat.status = 3;
  }
  return ok({ failed_chat_list: failed });
}

export const transferApis: ApiDef[] = [
  {
    // 分配在职成员的客户 (DW 96325).
    method: 'POST',
    path: 'externalcontact/transfer_customer',
    handler: ({ state, body }) => {
      const handover = requireFollowUser(state, body.handover_userid, 'handover_userid');
      const takeover = requireFollowUser(state, body.takeover_userid, 'takeover_userid');
      const ids = customerList(body);
      const msg = optString(body.transfer_success_msg);
      if (msg !== undefined && charLength(msg) > 200)
        fail(40058, 'transfer_success_msg exceed max length 200');
      return gated(state, () => {
        countCall(state, 'transfer_customer', ids);
        processDueTransfers(state);
        const customer = ids.map((id) => ({
          external_userid: id,
          errcode: perCustomer(state, 'onjob', handover.userid, takeover.userid, id, msg),
        }));
        return ok({ customer });
      });
    },
  },
  {
    method: 'POST',
    path: 'externalcontact/transfer_result',
    handler: ({ state, body }) => transferResult(state, body, 'onjob'),
  },
  {
    // 分配离职成员的客户 (DW 96331): handover_userid must have resigned.
    method: 'POST',
    path: 'externalcontact/resigned/transfer_customer',
    handler: ({ state, body }) => {
      const handover = requireDeparted(state, body.handover_userid);
      const takeover = requireFollowUser(state, body.takeover_userid, 'takeover_userid');
      const ids = customerList(body);
      return gated(state, () => {
        countCall(state, 'resigned/transfer_customer', ids);
        processDueTransfers(state);
        const customer = ids.map((id) => ({
          external_userid: id,
          errcode: perCustomer(state, 'resigned', handover.userid, takeover.userid, id),
        }));
        return ok({ customer });
      });
    },
  },
  {
    method: 'POST',
    path: 'externalcontact/resigned/transfer_result',
    handler: ({ state, body }) => transferResult(state, body, 'resigned'),
  },
  {
    // 获取待分配的离职成员列表 (DW 92124): page_id/page_size (≤1000) or cursor.
    method: 'POST',
    path: 'externalcontact/get_unassigned_list',
    handler: ({ state, body }) => {
      processDueTransfers(state);
      const pageSize = limitParam(body.page_size, 1000, 1000, 'page_size');
      const cursor = optString(body.cursor);
      const departed = state.userList.filter((u) => u.dimissionTime !== undefined);
      let skip = 0;
      let startUser = 0;
      let startSeq = 0;
      if (cursor) {
        const c = decodeCursor(cursor, 2) as string[];
        const userSeq = Number(c[0]);
        startUser = departed.findIndex((u) => u.seq >= userSeq);
        if (startUser < 0) startUser = departed.length;
        startSeq = departed[startUser]?.seq === userSeq ? Number(c[1]) : 0;
      } else {
        skip = (optInt(body.page_id, 'page_id') ?? 0) * pageSize;
      }
      const info: Json[] = [];
      let next = '';
      outer: for (let ui = startUser; ui < departed.length; ui++, startSeq = 0) {
        const u = departed[ui];
        const follows = state.followsOfUser(u.userid);
        for (let i = upperBoundBySeq(follows, startSeq); i < follows.length; i++) {
          const f = follows[i];
          if (state.pendingTransfer(f.external_userid)?.handover_userid === u.userid) continue;
          if (skip > 0) {
            skip--;
            continue;
          }
          if (info.length === pageSize) {
            next = encodeCursor([u.seq, follows[i - 1]?.seq ?? 0]);
            break outer;
          }
          info.push({
            handover_userid: u.userid,
            external_userid: f.external_userid,
            dimission_time: u.dimissionTime,
          });
        }
      }
      return ok({ info, is_last: next === '', next_cursor: next });
    },
  },
  {
    // 分配离职成员的客户群 (DW 96334).
    method: 'POST',
    path: 'externalcontact/groupchat/transfer',
    handler: ({ state, body }) => groupTransfer(state, body, true),
  },
  {
    // 分配在职成员的客户群.
    method: 'POST',
    path: 'externalcontact/groupchat/onjob_transfer',
    handler: ({ state, body }) => groupTransfer(state, body, false),
  },
];
