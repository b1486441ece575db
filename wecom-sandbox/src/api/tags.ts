import { fail } from '../errors';
import type { Tag, TagGroup } from '../model';
import type { SandboxState } from '../state';
import type { ApiDef, Json } from './types';
import {
  charLength,
  ok,
  optInt,
  optString,
  optStringArray,
  reqString,
  requireCustomerId,
  requireFollow,
  requireFollowUser,
} from './util';

const MAX_TAGS = 3000;

const byOrder = <T extends { order: number; create_time: number }>(a: T, b: T) =>
  b.order - a.order || a.create_time - b.create_time;

function renderTag(t: Tag): Json {
  return { id: t.id, name: t.name, create_time: t.create_time, order: t.order };
}

function renderGroup(state: SandboxState, g: TagGroup, only?: Set<string>): Json {
  const tags = g.tagIds
    .map((id) => state.tags.get(id) as Tag)
    .filter((t) => t && (!only || only.has(t.id)))
    .sort(byOrder);
  return {
    group_id: g.group_id,
    group_name: g.group_name,
    create_time: g.create_time,
    order: g.order,
    tag: tags.map(renderTag),
  };
}

/**
 * WeCom: an app may edit or delete only the tags it created (DW 96320); the others answer 81011
 * 无权限操作标签. A group goes only with every tag in it created by the app.
 */
function requireOwnTag(state: SandboxState, tag: Tag | undefined, group: TagGroup | undefined) {
  if (tag && !tag.by_app) fail(81011, `tag ${tag.id} was not created by this app`);
  if (group) {
    if (!group.by_app) fail(81011, `tag group ${group.group_id} was not created by this app`);
    for (const t of group.tagIds)
      if (!state.tags.get(t)?.by_app) fail(81011, `tag ${t} was not created by this app`);
  }
}

function checkName(name: string, field: string): void {
  if (!name.trim()) fail(40072, `${field} empty`);
  if (charLength(name) > 30) fail(40058, `${field} exceed max length 30`);
}

export const tagApis: ApiDef[] = [
  {
    // 获取企业标签库 (DW 92117): group_id wins over tag_id; both empty → all.
    method: 'POST',
    path: 'externalcontact/get_corp_tag_list',
    handler: ({ state, body }) => {
      const tagIds = optStringArray(body.tag_id, 'tag_id') ?? [];
      const groupIds = optStringArray(body.group_id, 'group_id') ?? [];
      const groups = [...state.tagGroups.values()].sort(byOrder);
      if (groupIds.length > 0) {
        const wanted = new Set(groupIds);
        return ok({
          tag_group: groups.filter((g) => wanted.has(g.group_id)).map((g) => renderGroup(state, g)),
        });
      }
      if (tagIds.length > 0) {
        const wanted = new Set(tagIds);
        const out = [];
        for (const g of groups) {
          if (!g.tagIds.some((t) => wanted.has(t))) continue;
          out.push(renderGroup(state, g, wanted));
        }
        return ok({ tag_group: out });
      }
      return ok({ tag_group: groups.map((g) => renderGroup(state, g)) });
    },
  },
  {
    // 添加企业客户标签 (DW 92117).
    method: 'POST',
    path: 'externalcontact/add_corp_tag',
    handler: ({ state, body }) => {
      const groupId = optString(body.group_id);
      const tagsIn = body.tag;
      if (!Array.isArray(tagsIn) || tagsIn.length === 0) fail(40058, 'tag missing');
      const names: Array<{ name: string; order: number }> = [];
      const seen = new Set<string>();
      for (const t of tagsIn as Json[]) {
        const name = reqString(t?.name, 'tag.name');
        checkName(name, 'tag.name');
        if (seen.has(name)) continue; // 传入多个同名标签，则只会创建一个
        seen.add(name);
        names.push({ name, order: optInt(t?.order, 'tag.order') ?? 0 });
      }
      if (state.tags.size + names.length > MAX_TAGS) fail(40126);
      let group: TagGroup | undefined;
      if (groupId) {
        group = state.tagGroups.get(groupId);
        if (!group) fail(40068, `invalid group_id ${groupId}`);
      } else {
        const groupName = reqString(body.group_name, 'group_name');
        checkName(groupName, 'group_name');
        group = [...state.tagGroups.values()].find((g) => g.group_name === groupName);
        if (!group) {
          group = state.addTagGroup(groupName, optInt(body.order, 'order') ?? 0);
          group.by_app = true;
        }
      }
      const g = group;
      const existing = new Set(g.tagIds.map((id) => state.tags.get(id)?.name));
      for (const n of names)
        if (existing.has(n.name)) fail(40071, `tag name ${n.name} already exists`);
      const created = names.map((n) => state.addTag(g, n.name, n.order));
      for (const t of created) t.by_app = true;
      return ok({
        tag_group: {
          group_id: g.group_id,
          group_name: g.group_name,
          create_time: g.create_time,
          order: g.order,
          tag: created.map(renderTag),
        },
      });
    },
  },
  {
    // 编辑企业客户标签: id is a tag id or a tag group id.
    method: 'POST',
    path: 'externalcontact/edit_corp_tag',
    handler: ({ state, body }) => {
      const id = reqString(body.id, 'id', 40068);
      const name = optString(body.name);
      const order = optInt(body.order, 'order');
      const tag = state.tags.get(id);
      const group = state.tagGroups.get(id);
      if (!tag && !group) fail(40068, `invalid id ${id}`);
      if (tag && !tag.by_app) fail(81011, `tag ${id} was not created by this app`);
      if (group && !group.by_app) fail(81011, `tag group ${id} was not created by this app`);
      if (name !== undefined) checkName(name, 'name');
      if (order !== undefined && (order < 0 || order > 0xffffffff))
        fail(40058, 'order out of range');
      if (tag) {
        const g = state.tagGroups.get(tag.group_id) as TagGroup;
        if (
          name !== undefined &&
          g.tagIds.some((t) => t !== id && state.tags.get(t)?.name === name)
        )
          fail(40071, `tag name ${name} already exists`);
        if (name !== undefined) tag.name = name;
        if (order !== undefined) tag.order = order;
      } else if (group) {
        if (
          name !== undefined &&
          [...state.tagGroups.values()].some((g) => g !== group && g.group_name === name)
        )
          fail(40071, `group name ${name} already exists`);
        if (name !== undefined) group.group_name = name;
        if (order !== undefined) group.order = order;
      }
      return ok();
    },
  },
  {
    // 删除企业客户标签: deleting every tag of a group deletes the group too.
    method: 'POST',
    path: 'externalcontact/del_corp_tag',
    handler: ({ state, body }) => {
      const tagIds = optStringArray(body.tag_id, 'tag_id') ?? [];
      const groupIds = optStringArray(body.group_id, 'group_id') ?? [];
      if (tagIds.length === 0 && groupIds.length === 0) fail(40068, 'tag_id and group_id missing');
      for (const t of tagIds) if (!state.tags.has(t)) fail(40068, `invalid tag_id ${t}`);
      for (const g of groupIds) if (!state.tagGroups.has(g)) fail(40068, `invalid group_id ${g}`);
      for (const t of tagIds) requireOwnTag(state, state.tags.get(t), undefined);
      for (const g of groupIds) requireOwnTag(state, undefined, state.tagGroups.get(g));
      state.deleteTags(tagIds, groupIds);
      return ok();
    },
  },
  {
    // 编辑客户企业标签 (DW 92118).
    method: 'POST',
    path: 'externalcontact/mark_tag',
    handler: ({ state, body }) => {
      const user = requireFollowUser(state, body.userid);
      const id = requireCustomerId(state, body.external_userid);
      const add = optStringArray(body.add_tag, 'add_tag') ?? [];
      const remove = optStringArray(body.remove_tag, 'remove_tag') ?? [];
      if (add.length === 0 && remove.length === 0) fail(40058, 'add_tag and remove_tag are empty');
      for (const t of [...add, ...remove])
        if (!state.tags.has(t)) fail(40068, `invalid tagid ${t}`);
      const follow = requireFollow(state, user.userid, id);
      state.markTags(follow, add, remove);
      return ok();
    },
  },
];
