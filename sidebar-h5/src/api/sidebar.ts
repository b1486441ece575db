import { requestClient } from './request';

export namespace SidebarApi {
  export interface Staff {
    /** WeCom userid of the guide. */
    userId: string;
    name: string;
    corpId?: string;
  }

  export interface Session {
    token: string;
    /** Seconds the token is valid. */
    expiresIn?: number;
    staff: Staff;
  }

  export interface Me {
    staff: Staff & { corpId: string };
    corpName: string;
    agentId: number;
    /** The corp's IANA time zone: every time is shown in it. */
    timeZone: string;
  }

  export interface Signature {
    timestamp: number;
    nonceStr: string;
    signature: string;
  }

  export interface Tag {
    tagId: string;
    name: string | null;
    source: string;
    actor: string | null;
    evidence: Record<string, unknown> | null;
    markedAt: string;
  }

  export interface TagGroup {
    groupId: string | null;
    groupName: string | null;
    tags: Tag[];
  }

  export interface FollowUp {
    id: string;
    userId: string;
    staffName: string | null;
    kind: 'note' | 'follow_up';
    content: string;
    nextFollowUpAt: string | null;
    createdAt: string;
  }

  export interface TimelineEntry {
    id: string;
    kind: string;
    userId: string | null;
    detail: Record<string, unknown> | null;
    tags?: Array<{ tagId: string; name: string | null }>;
    occurredAt: string;
  }

  export interface Customer {
    customer: {
      externalUserId: string;
      name: string;
      avatar: string;
      type: number;
      gender: number;
      corpName: string | null;
      corpFullName: string | null;
      position: string | null;
    };
    relation: {
      remark: string;
      description: string;
      addedAt: string | null;
      addWay: number;
      state: string | null;
      channelId: string | null;
      channelName: string | null;
      operUserId: string | null;
      operUserName: string | null;
    };
    followers: Array<{ userId: string; name: string | null; addedAt: string | null }>;
    tagGroups: TagGroup[];
    groups: Array<{ chatId: string; name: string | null; joinTime: string | null }>;
    followUps: FollowUp[];
    timeline: TimelineEntry[];
    staffNames: Record<string, string>;
  }

  export interface CorpTagGroup {
    groupId: string;
    name: string;
    tags: Array<{ tagId: string; name: string }>;
  }

  export interface Group {
    chatId: string;
    name: string;
    ownerUserId: string;
    ownerName: string | null;
    notice: string | null;
    createTime: number;
    memberCount: number;
    customerCount: number;
    staffCount: number;
    customers: Array<{
      externalUserId: string;
      name: string;
      joinTime: string | null;
      joinScene: number;
      tags: Array<{ tagId: string; name: string | null }>;
    }>;
    staff: Array<{ userId: string; name: string; isOwner: boolean }>;
  }
}

/**
 * `POST /api/sidebar/session`: exchange the OAuth code for a session. The caller shows the
 * error (a used or expired code is a 401 here, not an ended session).
 */
export async function createSessionApi(code: string, corpId?: string): Promise<SidebarApi.Session> {
  const { data } = await requestClient.post<SidebarApi.Session>(
    '/sidebar/session',
    corpId ? { code, corpId } : { code },
    { silent: true, skipAuthRedirect: true },
  );
  return data;
}

/** A fresh token before the current one ends. */
export async function renewSessionApi(): Promise<SidebarApi.Session> {
  const { data } = await requestClient.post<SidebarApi.Session>(
    '/sidebar/session/renew',
    {},
    {
      silent: true,
      skipAuthRedirect: true,
    },
  );
  return data;
}

/** Checks the stored session; a 401 means OAuth again. */
export async function meApi(): Promise<SidebarApi.Me> {
  const { data } = await requestClient.get<SidebarApi.Me>('/sidebar/me', {
    silent: true,
    skipAuthRedirect: true,
  });
  return data;
}

export async function oauthUrlApi(
  redirectUri: string,
  state: string,
  corpId?: string,
): Promise<string> {
  const { data } = await requestClient.get<{ url: string }>('/sidebar/oauth-url', {
    params: { redirectUri, state, ...(corpId ? { corpId } : {}) },
    silent: true,
    skipAuthRedirect: true,
  });
  return data.url;
}

export async function signatureApi(
  kind: 'config' | 'agent-config',
  url: string,
): Promise<SidebarApi.Signature> {
  const { data } = await requestClient.get<SidebarApi.Signature>(
    `/sidebar/jssdk/${kind}-signature`,
    { params: { url }, silent: true },
  );
  return data;
}

export async function customerApi(externalUserId: string): Promise<SidebarApi.Customer> {
  const { data } = await requestClient.get<SidebarApi.Customer>(
    `/sidebar/customers/${encodeURIComponent(externalUserId)}`,
    { silent: true },
  );
  return data;
}

export async function corpTagsApi(): Promise<SidebarApi.CorpTagGroup[]> {
  const { data } = await requestClient.get<SidebarApi.CorpTagGroup[]>('/sidebar/tags');
  return data;
}

export async function updateTagsApi(
  externalUserId: string,
  add: string[],
  remove: string[],
): Promise<SidebarApi.Customer> {
  const { data } = await requestClient.put<SidebarApi.Customer>(
    `/sidebar/customers/${encodeURIComponent(externalUserId)}/tags`,
    { add, remove },
  );
  return data;
}

export async function addFollowUpApi(
  externalUserId: string,
  body: { kind: 'note' | 'follow_up'; content: string; nextFollowUpAt?: string },
): Promise<SidebarApi.FollowUp> {
  const { data } = await requestClient.post<SidebarApi.FollowUp>(
    `/sidebar/customers/${encodeURIComponent(externalUserId)}/follow-ups`,
    body,
  );
  return data;
}

export async function groupApi(chatId: string): Promise<SidebarApi.Group> {
  const { data } = await requestClient.get<SidebarApi.Group>(
    `/sidebar/groups/${encodeURIComponent(chatId)}`,
    { silent: true },
  );
  return data;
}
