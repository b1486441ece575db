import type { AxiosRequestConfig } from 'axios';
import { requestClient } from './request';

export namespace TagsApi {
  export interface Tag {
    tagId: string;
    name: string;
    sortOrder: number;
    createTime: number;
  }

  export interface Group {
    groupId: string;
    name: string;
    sortOrder: number;
    createTime: number;
    tags: Tag[];
  }

  export interface LibraryTag extends Tag {
    createdByApp: boolean;
    /** Why the console may not edit it (made in WeCom), or null. */
    readOnlyReason: string | null;
    markedCustomers: number;
  }

  export interface LibraryGroup extends Omit<Group, 'tags'> {
    createdByApp: boolean;
    readOnlyReason: string | null;
    tags: LibraryTag[];
  }

  export type PushOp = 'create' | 'rename' | 'reorder' | 'delete';
  export type PushState = 'failed' | 'done' | 'dropped';

  export interface Push {
    id: string;
    op: PushOp;
    targetType: 'tag' | 'tag_group';
    targetId: string | null;
    targetName: string;
    state: PushState;
    errcode: number | null;
    error: string | null;
    attempts: number;
    actor: string | null;
    createdAt: string;
    updatedAt: string;
  }

  export interface Library {
    groups: LibraryGroup[];
    pushes: Push[];
    tagCount: number;
    tagCap: number;
    lastChangedAt: string | null;
  }

  export type JobState = 'preparing' | 'running' | 'done' | 'cancelled' | 'failed';

  export interface Job {
    id: string;
    kind: 'bulk' | 'import';
    state: JobState;
    addTagIds: string[];
    removeTagIds: string[];
    fileName: string | null;
    total: number;
    done: number;
    failed: number;
    actor: string | null;
    error: string | null;
    createdAt: string;
    finishedAt: string | null;
  }

  export interface ImportReport {
    fileName: string;
    lines: number;
    matchedLines: number;
    relations: number;
    unknownTags: Array<{ line: number; name: string; reason: string }>;
    unknownCustomers: Array<{ line: number; key: string }>;
  }
}

/** `GET /api/admin/tags?corpId`: the corp tag library, groups with their tags. */
export async function listTagGroupsApi(corpId: string): Promise<TagsApi.Group[]> {
  const { data } = await requestClient.get<TagsApi.Group[]>('/admin/tags', { params: { corpId } });
  return data;
}

/** `GET /api/admin/tags/library`: groups and tags with who made them, counts, the push log. */
export async function getTagLibraryApi(
  corpId: string,
  config?: AxiosRequestConfig,
): Promise<TagsApi.Library> {
  const { data } = await requestClient.get<TagsApi.Library>('/admin/tags/library', {
    ...config,
    params: { corpId },
  });
  return data;
}

export async function createTagGroupApi(
  corpId: string,
  name: string,
  tags: string[],
): Promise<{ groupId: string; tagIds: string[] }> {
  const { data } = await requestClient.post('/admin/tags/groups', {
    corpId,
    name,
    tags: tags.map((n) => ({ name: n })),
  });
  return data;
}

export async function addTagsApi(corpId: string, groupId: string, names: string[]) {
  const { data } = await requestClient.post(`/admin/tags/groups/${groupId}/tags`, {
    corpId,
    tags: names.map((name) => ({ name })),
  });
  return data as { groupId: string; tagIds: string[] };
}

/** Rename (or set the order of) a tag or a group. */
export async function editTagApi(
  corpId: string,
  id: string,
  edit: { name?: string; order?: number },
) {
  await requestClient.patch(`/admin/tags/${id}`, { corpId, ...edit });
}

/** Drag to reorder: every id of the group's tags (or of the groups), top first. */
export async function reorderTagsApi(corpId: string, ids: string[], groupId?: string) {
  const { data } = await requestClient.post('/admin/tags/reorder', { corpId, ids, groupId });
  return data as { changed: number };
}

export async function deleteTagsApi(
  corpId: string,
  input: { tagIds?: string[]; groupIds?: string[] },
) {
  const { data } = await requestClient.post('/admin/tags/delete', { corpId, ...input });
  return data as { deletedGroupIds: string[] };
}

export async function retryTagPushApi(corpId: string, id: string): Promise<TagsApi.Push> {
  const { data } = await requestClient.post(`/admin/tags/pushes/${id}/retry`, { corpId });
  return data;
}

export async function syncTagsApi(corpId: string): Promise<{ groups: number; tags: number }> {
  const { data } = await requestClient.post('/admin/tags/sync', { corpId });
  return data;
}

export async function listTagJobsApi(corpId: string, config?: AxiosRequestConfig) {
  const { data } = await requestClient.get<TagsApi.Job[]>('/admin/tags/jobs', {
    ...config,
    params: { corpId },
  });
  return data;
}

/** Bulk mark/unmark of an audience filter's customers (or of listed customers). */
export async function startTagJobApi(
  corpId: string,
  input: {
    filter?: Record<string, unknown>;
    externalUserIds?: string[];
    addTagIds: string[];
    removeTagIds: string[];
  },
): Promise<TagsApi.Job> {
  const { data } = await requestClient.post('/admin/tags/jobs', { corpId, ...input });
  return data;
}

export async function cancelTagJobApi(corpId: string, id: string): Promise<TagsApi.Job> {
  const { data } = await requestClient.post(`/admin/tags/jobs/${id}/cancel`, { corpId });
  return data;
}

export async function importTagMarksApi(
  corpId: string,
  input: { fileName: string; csv: string; dryRun: boolean },
): Promise<{ report: TagsApi.ImportReport; job: TagsApi.Job | null }> {
  const { data } = await requestClient.post('/admin/tags/import', { corpId, ...input });
  return data;
}

/** Adds/removes tags on one customer: one staff member's relation (`userId`) or all. */
export async function changeCustomerTagsApi(
  corpId: string,
  externalUserId: string,
  input: { userId?: string; addTagIds: string[]; removeTagIds: string[] },
) {
  const { data } = await requestClient.post(`/admin/tags/customers/${externalUserId}`, {
    corpId,
    ...input,
  });
  return data;
}
