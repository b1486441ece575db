import type { AxiosRequestConfig } from 'axios';
import { compactParams, requestClient } from './request';

export namespace GroupsApi {
  export interface Group {
    chatId: string;
    name: string;
    ownerUserId: string;
    notice: string | null;
    wecomStatus: number;
    /** Unix seconds (WeCom's create_time). */
    createTime: number;
    memberCount: number;
    /** Members who are customers (type 2) / staff (type 1), when the server counts them. */
    customerCount?: number;
    staffCount?: number;
    dismissedAt: string | null;
    syncedAt: string | null;
  }

  export interface Member {
    memberId: string;
    /** 1 staff (企业成员), 2 external contact (外部联系人). */
    type: number;
    name: string;
    groupNickname: string;
    unionId: string | null;
    /** Unix seconds. */
    joinTime: number;
    /** 1 invited directly, 2 invited by link, 3 by QR code. */
    joinScene: number;
    invitorUserId: string | null;
    leftAt: string | null;
    quitScene: number | null;
  }

  export interface Detail extends Group {
    members: Member[];
  }
}

/** `GET /api/admin/groups?corpId`: one page by chatId. */
export async function listGroupsApi(
  params: { corpId: string; ownerUserId?: string; cursor?: string; limit?: number },
  config: AxiosRequestConfig = {},
): Promise<GroupsApi.Group[]> {
  const { data } = await requestClient.get<GroupsApi.Group[]>('/admin/groups', {
    ...config,
    params: compactParams(params),
  });
  return data;
}

/** `GET /api/admin/groups/:corpId/:chatId`: the group with its members (and those who left). */
export async function getGroupApi(corpId: string, chatId: string): Promise<GroupsApi.Detail> {
  const { data } = await requestClient.get<GroupsApi.Detail>(
    `/admin/groups/${encodeURIComponent(corpId)}/${encodeURIComponent(chatId)}`,
  );
  return data;
}
