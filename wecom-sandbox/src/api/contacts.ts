import { fail } from '../errors';
import type { Department, User } from '../model';
import type { SandboxState } from '../state';
import type { ApiDef, Json } from './types';
import { decodeCursor, encodeCursor, limitParam, ok, optInt, requireUser } from './util';

export function renderDepartment(d: Department): Json {
  return {
    id: d.id,
    name: d.name,
    name_en: d.name_en,
    department_leader: d.department_leader,
    parentid: d.parentid,
    order: d.order,
  };
}

/** user/get fields (DW 90196). */
export function renderUser(u: User): Json {
  return {
    userid: u.userid,
    name: u.name,
    department: u.department,
    order: u.order,
    position: u.position,
    mobile: u.mobile,
    gender: u.gender,
    email: u.email,
    biz_mail: u.biz_mail,
    is_leader_in_dept: u.is_leader_in_dept,
    direct_leader: u.direct_leader,
    avatar: u.avatar,
    thumb_avatar: u.thumb_avatar,
    telephone: u.telephone,
    alias: u.alias,
    address: u.address,
    open_userid: u.open_userid,
    main_department: u.main_department,
    extattr: { attrs: [] },
    status: u.status,
    qr_code: u.qr_code,
    external_position: u.external_position,
    external_profile: { external_corp_name: '', external_attr: [] },
  };
}

function requireDepartment(state: SandboxState, v: unknown, missingCode: number): Department {
  const id = optInt(v, 'department_id');
  if (id === undefined) fail(missingCode, 'department_id missing');
  const dept = state.departments.get(id);
  if (!dept) fail(60003, `department ${id} not found`);
  return dept;
}

function usersOf(state: SandboxState, deptIds: Set<number>): User[] {
  return state.userList.filter(
    (u) => state.isActive(u) && u.department.some((d) => deptIds.has(d)),
  );
}

function deptScope(state: SandboxState, dept: Department, fetchChild: unknown): Set<number> {
  if (String(fetchChild) === '1') return new Set(state.departmentSubtree(dept.id).map((d) => d.id));
  return new Set([dept.id]);
}

export const contactApis: ApiDef[] = [
  {
    method: 'GET',
    path: 'department/list',
    handler: ({ state, query }) => {
      const id = optInt(query.id, 'id');
      if (id !== undefined && !state.departments.has(id)) fail(60123, `department ${id} not found`);
      const list = state.departmentSubtree(id ?? 1);
      return ok({ department: list.map(renderDepartment) });
    },
  },
  {
    method: 'GET',
    path: 'department/simplelist',
    handler: ({ state, query }) => {
      const id = optInt(query.id, 'id');
      if (id !== undefined && !state.departments.has(id)) fail(60123, `department ${id} not found`);
      const list = state.departmentSubtree(id ?? 1);
      return ok({
        department_id: list.map((d) => ({ id: d.id, parentid: d.parentid, order: d.order })),
      });
    },
  },
  {
    method: 'GET',
    path: 'department/get',
    handler: ({ state, query }) => {
      const dept = requireDepartment(state, query.id, 40058);
      return ok({ department: renderDepartment(dept) });
    },
  },
  {
    method: 'GET',
    path: 'user/get',
    handler: ({ state, query }) => ok(renderUser(requireUser(state, query.userid))),
  },
  {
    method: 'GET',
    path: 'user/simplelist',
    handler: ({ state, query }) => {
      const dept = requireDepartment(state, query.department_id, 41019);
      const users = usersOf(state, deptScope(state, dept, query.fetch_child));
      return ok({
        userlist: users.map((u) => ({
          userid: u.userid,
          name: u.name,
          department: u.department,
          open_userid: u.open_userid,
        })),
      });
    },
  },
  {
    method: 'GET',
    path: 'user/list',
    handler: ({ state, query }) => {
      const dept = requireDepartment(state, query.department_id, 41019);
      const users = usersOf(state, deptScope(state, dept, query.fetch_child));
      return ok({ userlist: users.map(renderUser) });
    },
  },
  {
    // 获取成员ID列表 (DW 96067): cursor + limit 1~10000, one entry per member and department.
    method: 'POST',
    path: 'user/list_id',
    handler: ({ state, body }) => {
      const limit = limitParam(body.limit, 10000, 10000);
      const cur = decodeCursor(body.cursor as string | undefined, 2);
      let userIndex = 0;
      let deptIndex = 0;
      if (cur) {
        const seq = Number(cur[0]);
        userIndex = state.userList.findIndex((u) => u.seq >= seq);
        if (userIndex < 0) userIndex = state.userList.length;
        deptIndex = state.userList[userIndex]?.seq === seq ? Number(cur[1]) : 0;
      }
      const out: Json[] = [];
      let next = '';
      for (; userIndex < state.userList.length; userIndex++, deptIndex = 0) {
        const u = state.userList[userIndex];
        if (!state.isActive(u)) continue;
        for (; deptIndex < u.department.length; deptIndex++) {
          if (out.length === limit) {
            next = encodeCursor([u.seq, deptIndex]);
            break;
          }
          out.push({ userid: u.userid, department: u.department[deptIndex] });
        }
        if (next) break;
      }
      return ok({ next_cursor: next, dept_user: out });
    },
  },
];
