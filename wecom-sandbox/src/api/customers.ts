import { fail } from '../errors';
import type { Customer } from '../model';
import { upperBoundBySeq } from '../state';
import type { ApiDef, Json } from './types';
import { renderExternalContact, renderFollowInfo, renderFollowUser } from './render';
import {
  charLength,
  cursorSeq,
  decodeCursor,
  encodeCursor,
  limitParam,
  ok,
  optString,
  optStringArray,
  requireCustomerId,
  requireFollow,
  requireFollowUser,
} from './util';

const FOLLOW_PAGE = 500;

export const customerApis: ApiDef[] = [
  {
    // 获取配置了客户联系功能的成员列表 (DW 92571).
    method: 'GET',
    path: 'externalcontact/get_follow_user_list',
    // with the app's own token, only the members in the app's 可见范围
    handler: ({ state, token }) => {
      const visible = token.scope === 'agent' ? state.config.appVisibleUserIds : null;
      return ok({
        follow_user: state.userList
          .filter((u) => state.isActive(u) && u.customerContact)
          .filter((u) => !visible || visible.includes(u.userid))
          .map((u) => u.userid),
      });
    },
  },
  {
    // 获取客户列表 (DW 92113). A member without customers gives 84061 with an empty list.
    method: 'GET',
    path: 'externalcontact/list',
    handler: ({ state, query }) => {
      const user = requireFollowUser(state, query.userid);
      const follows = state.followsOfUser(user.userid);
      if (follows.length === 0) fail(84061, undefined, { external_userid: [] });
      return ok({ external_userid: follows.map((f) => f.external_userid) });
    },
  },
  {
    // 获取客户详情 (DW 92114): follow_user paged by 500 with cursor.
    method: 'GET',
    path: 'externalcontact/get',
    handler: ({ state, query }) => {
      const id = requireCustomerId(state, query.external_userid);
      const follows = state.activeFollowsOfCustomer(id);
      if (follows.length === 0) fail(84061, undefined, { follow_user: [] });
      const start = upperBoundBySeq(follows, cursorSeq(query.cursor));
      const page = follows.slice(start, start + FOLLOW_PAGE);
      const more = start + FOLLOW_PAGE < follows.length;
      return ok({
        external_contact: renderExternalContact(state.customers.get(id) as Customer),
        follow_user: page.map((f) => renderFollowUser(state, f)),
        next_cursor: more ? encodeCursor([page[page.length - 1].seq]) : '',
      });
    },
  },
  {
    // 批量获取客户详情 (DW 92994): userid_list ≤100, limit ≤100 (default 50, clamped).
    method: 'POST',
    path: 'externalcontact/batch/get_by_user',
    handler: ({ state, body }) => {
      const list = optStringArray(body.userid_list, 'userid_list');
      if (!list || list.length === 0) fail(41009, 'userid_list missing');
      if (list.length > 100) fail(40058, 'userid_list exceed max size 100');
      const userids = [...new Set(list)];
      for (const u of userids) requireFollowUser(state, u, 'userid_list');
      const limit = limitParam(body.limit, 50, 100);
      const cur = decodeCursor(optString(body.cursor), 2);
      let ui = cur ? Number(cur[0]) : 0;
      let seq = cur ? Number(cur[1]) : 0;
      if (!Number.isInteger(ui) || ui < 0 || !Number.isFinite(seq)) fail(40058, 'invalid cursor');
      const out: Json[] = [];
      let next = '';
      for (; ui < userids.length; ui++, seq = 0) {
        const follows = state.followsOfUser(userids[ui]);
        let i = upperBoundBySeq(follows, seq);
        for (; i < follows.length && out.length < limit; i++) {
          const f = follows[i];
          out.push({
            external_contact: renderExternalContact(
              state.customers.get(f.external_userid) as Customer,
            ),
            follow_info: renderFollowInfo(state, f),
          });
        }
        if (out.length === limit) {
          if (i < follows.length) next = encodeCursor([ui, follows[i - 1].seq]);
          else if (ui + 1 < userids.length) next = encodeCursor([ui + 1, 0]);
          break;
        }
      }
      return ok({ external_contact_list: out, next_cursor: next });
    },
  },
  {
    // 修改客户备注信息 (DW 92115).
    method: 'POST',
    path: 'externalcontact/remark',
    handler: ({ state, body }) => {
      const user = requireFollowUser(state, body.userid);
      const id = requireCustomerId(state, body.external_userid);
      const follow = requireFollow(state, user.userid, id);
      const remark = optString(body.remark);
      const description = optString(body.description);
      const company = optString(body.remark_company);
      const mobiles = optStringArray(body.remark_mobiles, 'remark_mobiles');
      if (remark !== undefined && charLength(remark) > 20)
        fail(40058, 'remark exceed max length 20');
      if (description !== undefined && charLength(description) > 150)
        fail(40058, 'description exceed max length 150');
      if (company !== undefined && charLength(company) > 20)
        fail(40058, 'remark_company exceed max length 20');
      if (mobiles && mobiles.length > 5) fail(40058, 'remark_mobiles exceed max size 5');
      if (remark !== undefined) follow.remark = remark;
      if (description !== undefined) follow.description = description;
      // remark_company only applies to WeChat (type 1) customers.
      const customer = state.customers.get(id) as Customer;
      if (company !== undefined && customer.type === 1)
        follow.remark_corp_name = company || undefined;
      if (mobiles) follow.remark_mobiles = mobiles;
      return ok();
    },
  },
];
