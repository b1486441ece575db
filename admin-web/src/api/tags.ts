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
}

/** `GET /api/admin/tags?corpId`: the corp tag library, groups with their tags. */
export async function listTagGroupsApi(corpId: string): Promise<TagsApi.Group[]> {
  const { data } = await requestClient.get<TagsApi.Group[]>('/admin/tags', { params: { corpId } });
  return data;
}
