import { TAG_RULE_SENTENCES as S } from '../tags.exception';

/** WeCom's corp-wide cap on corp tags (40126; docs/tags.md: designed for 3000). */
export const CORP_TAG_CAP = 3000;
/** WeCom counts names in characters (字符), not bytes. */
export const NAME_MAX = 30;

export interface LibraryGroup {
  groupId: string;
  name: string;
  sortOrder: number;
  createdByApp: boolean;
}

export interface LibraryTag {
  tagId: string;
  groupId: string;
  name: string;
  sortOrder: number;
  createdByApp: boolean;
}

/** The live tag library as the mirror has it: what the rules are checked against. */
export interface Library {
  groups: LibraryGroup[];
  tags: LibraryTag[];
}

export type Problems = Record<string, string[]>;

function add(p: Problems, field: string, sentence: string): void {
  (p[field] ??= []).push(sentence);
}

/** A name WeCom accepts: not blank, at most 30 characters. */
export function nameProblem(name: string): string | null {
  if (!name.trim()) return S.nameEmpty;
  if ([...name].length > NAME_MAX) return S.nameTooLong;
  return null;
}

function checkNewTags(
  lib: Library,
  groupId: string | null,
  names: string[],
  p: Problems,
  field = 'tags',
): void {
  const taken = new Set(
    groupId ? lib.tags.filter((t) => t.groupId === groupId).map((t) => t.name) : [],
  );
  const seen = new Set<string>();
  names.forEach((name, i) => {
    const f = `${field}[${i}].name`;
    const bad = nameProblem(name);
    if (bad) return add(p, f, bad);
    if (taken.has(name) || seen.has(name)) add(p, f, S.tagNameTaken(name));
    seen.add(name);
  });
  if (lib.tags.length + names.length > CORP_TAG_CAP) add(p, field, S.corpCap(CORP_TAG_CAP));
}

/** A new group with its first tags (a group cannot be empty). */
export function checkCreateGroup(lib: Library, name: string, tagNames: string[]): Problems {
  const p: Problems = {};
  const bad = nameProblem(name);
  if (bad) add(p, 'name', bad);
  else if (lib.groups.some((g) => g.name === name)) add(p, 'name', S.groupNameTaken(name));
  if (!tagNames.length) add(p, 'tags', S.groupNeedsTag);
  checkNewTags(lib, null, tagNames, p);
  return p;
}

/** New tags in an existing group. */
export function checkAddTags(lib: Library, groupId: string, tagNames: string[]): Problems {
  const p: Problems = {};
  if (!lib.groups.some((g) => g.groupId === groupId)) add(p, 'groupId', S.unknownTag);
  if (!tagNames.length) add(p, 'tags', S.groupNeedsTag);
  checkNewTags(lib, groupId, tagNames, p);
  return p;
}

/** What an id names in the library, or null. */
export function findTarget(
  lib: Library,
  id: string,
): { type: 'tag'; tag: LibraryTag } | { type: 'tag_group'; group: LibraryGroup } | null {
  const tag = lib.tags.find((t) => t.tagId === id);
  if (tag) return { type: 'tag', tag };
  const group = lib.groups.find((g) => g.groupId === id);
  return group ? { type: 'tag_group', group } : null;
}

/** Rename or reorder a tag or a group: only the app's own, names unique where WeCom wants them. */
export function checkEdit(
  lib: Library,
  id: string,
  edit: { name?: string; order?: number },
): Problems {
  const p: Problems = {};
  const target = findTarget(lib, id);
  if (!target) {
    add(p, 'id', S.unknownTag);
    return p;
  }
  const own = target.type === 'tag' ? target.tag.createdByApp : target.group.createdByApp;
  if (!own) add(p, 'id', S.notByApp);
  if (edit.name !== undefined) {
    const bad = nameProblem(edit.name);
    if (bad) add(p, 'name', bad);
    else if (target.type === 'tag') {
      const { tag } = target;
      if (lib.tags.some((t) => t.groupId === tag.groupId && t.tagId !== id && t.name === edit.name))
        add(p, 'name', S.tagNameTaken(edit.name));
    } else if (lib.groups.some((g) => g.groupId !== id && g.name === edit.name))
      add(p, 'name', S.groupNameTaken(edit.name));
  }
  return p;
}

/**
 * Delete tags and groups: only the app's own (a group with every tag in it). Returns the
 * problems, and the groups WeCom deletes along (every tag of theirs deleted: no empty group).
 */
export function checkDelete(
  lib: Library,
  tagIds: string[],
  groupIds: string[],
): { problems: Problems; emptiedGroupIds: string[] } {
  const p: Problems = {};
  tagIds.forEach((id, i) => {
    const tag = lib.tags.find((t) => t.tagId === id);
    if (!tag) add(p, `tagIds[${i}]`, S.unknownTag);
    else if (!tag.createdByApp) add(p, `tagIds[${i}]`, `「${tag.name}」：${S.notByApp}`);
  });
  groupIds.forEach((id, i) => {
    const group = lib.groups.find((g) => g.groupId === id);
    if (!group) return add(p, `groupIds[${i}]`, S.unknownTag);
    const foreign = lib.tags.filter((t) => t.groupId === id && !t.createdByApp);
    if (!group.createdByApp || foreign.length)
      add(p, `groupIds[${i}]`, `「${group.name}」：${S.notByApp}`);
  });
  const gone = new Set(tagIds);
  const emptiedGroupIds = lib.groups
    .filter((g) => !groupIds.includes(g.groupId))
    .filter((g) => {
      const tags = lib.tags.filter((t) => t.groupId === g.groupId);
      return tags.length > 0 && tags.every((t) => gone.has(t.tagId));
    })
    .map((g) => g.groupId);
  return { problems: p, emptiedGroupIds };
}

/**
 * Drag to reorder: WeCom sorts larger `order` first, so the list shown top to bottom gets
 * n, n-1, … 1. Returns only the items whose order changes (one edit_corp_tag each).
 */
export function reorderPlan<T extends { sortOrder: number }>(
  items: T[],
  idOf: (t: T) => string,
  wanted: string[],
): Array<{ id: string; order: number }> {
  const byId = new Map(items.map((t) => [idOf(t), t]));
  const n = wanted.length;
  return wanted.flatMap((id, i) => {
    const item = byId.get(id);
    const order = n - i;
    return item && item.sortOrder !== order ? [{ id, order }] : [];
  });
}

/** The ids to reorder must be exactly the items there are (no more, no fewer, no repeats). */
export function checkReorder(existing: string[], wanted: string[], field: string): Problems {
  const p: Problems = {};
  const have = new Set(existing);
  if (
    new Set(wanted).size !== wanted.length ||
    wanted.length !== have.size ||
    wanted.some((id) => !have.has(id))
  )
    add(p, field, '排序列表必须恰好包含当前的全部项目，且每项一次（列表已过期时请刷新）');
  return p;
}

export const hasProblems = (p: Problems) => Object.keys(p).length > 0;
