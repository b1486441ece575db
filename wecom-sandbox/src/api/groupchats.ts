import { fail } from '../errors';
import type { GroupChat } from '../model';
import type { SandboxState } from '../state';
import { upperBoundBySeq } from '../state';
import type { ApiDef, Json } from './types';
import { cursorSeq, encodeCursor, ok, optInt, optString, optStringArray, reqString } from './util';

/** groupchat/list status: 0 正常, 1 跟进人离职, 2 离职继承中, 3 离职继承完成. */
export function chatStatus(state: SandboxState, chat: GroupChat): number {
  if (chat.status === 3) return 3;
  if (chat.transferring) return 2;
  if (!state.isActive(state.users.get(chat.owner))) return 1;
  return 0;
}

export function requireChat(state: SandboxState, v: unknown): GroupChat {
  const id = reqString(v, 'chat_id', 40058);
  const chat = state.groupChats.get(id);
  if (!chat || chat.dismissed) fail(40050, `chat_id ${id} not found`);
  return chat;
}

export const groupChatApis: ApiDef[] = [
  {
    // 获取客户群列表 (DW 92120): limit 1~1000 is required.
    method: 'POST',
    path: 'externalcontact/groupchat/list',
    handler: ({ state, body }) => {
      const limit = optInt(body.limit, 'limit');
      if (limit === undefined || limit < 1 || limit > 1000)
        fail(40058, 'limit should be in [1, 1000]');
      const statusFilter = optInt(body.status_filter, 'status_filter') ?? 0;
      if (statusFilter < 0 || statusFilter > 3) fail(40058, 'invalid status_filter');
      const ownerFilter = body.owner_filter as Json | undefined;
      const owners = ownerFilter
        ? optStringArray(ownerFilter.userid_list, 'owner_filter.userid_list')
        : undefined;
      if (owners && owners.length > 100)
        fail(40058, 'owner_filter.userid_list exceed max size 100');
      const ownerSet = owners && owners.length ? new Set(owners) : null;
      const list = state.groupChatList;
      const out: Json[] = [];
      let next = '';
      for (let i = upperBoundBySeq(list, cursorSeq(optString(body.cursor))); i < list.length; i++) {
        const chat = list[i];
        if (chat.dismissed) continue;
        if (ownerSet && !ownerSet.has(chat.owner)) continue;
        const status = chatStatus(state, chat);
        if (statusFilter !== 0 && status !== statusFilter) continue;
        if (out.length === limit) {
          next = encodeCursor([list[i - 1].seq]);
          break;
        }
        out.push({ chat_id: chat.chat_id, status });
      }
      return ok({ group_chat_list: out, next_cursor: next });
    },
  },
  {
    // 获取客户群详情 (DW 92122).
    method: 'POST',
    path: 'externalcontact/groupchat/get',
    handler: ({ state, body }) => {
      const chat = requireChat(state, body.chat_id);
      const needName = optInt(body.need_name, 'need_name') === 1;
      const members = [...chat.members.values()].map((m) => {
        const out: Json = { userid: m.userid, type: m.type };
        if (m.type === 2 && m.unionid) out.unionid = m.unionid;
        out.join_time = m.join_time;
        out.join_scene = m.join_scene;
        if (m.invitor) out.invitor = m.invitor;
        out.group_nickname = m.group_nickname;
        if (needName) out.name = m.name;
        return out;
      });
      return ok({
        group_chat: {
          chat_id: chat.chat_id,
          name: chat.name,
          owner: chat.owner,
          create_time: chat.create_time,
          notice: chat.notice,
          member_list: members,
          admin_list: chat.admins.map((userid) => ({ userid })),
          member_version: chat.member_version,
        },
      });
    },
  },
];
