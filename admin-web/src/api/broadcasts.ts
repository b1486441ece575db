import type { AxiosRequestConfig } from 'axios';
import { compactParams, requestClient } from './request';

export namespace BroadcastsApi {
  export type Kind = 'customers' | 'groups';
  export type State =
    | 'scheduled'
    | 'planning'
    | 'dispatching'
    | 'sent'
    | 'completed'
    | 'expired'
    | 'canceled'
    | 'failed';
  export type ReceiveLimit = 'day' | 'week' | 'month';

  export type Audience =
    | { type: 'segment'; segmentId: string }
    | { type: 'filter'; filter: Record<string, unknown> }
    | { type: 'list'; externalUserIds: string[] }
    | {
        type: 'groups';
        ownerUserIds?: string[];
        nameContains?: string;
        ownerDepartmentIds?: number[];
        chatIds?: string[];
      };

  export type Attachment =
    | { type: 'image' | 'video' | 'file'; assetId: string }
    | { type: 'link'; title: string; url: string; desc?: string; picUrl?: string }
    | { type: 'miniprogram'; title: string; appId: string; page: string; picAssetId: string };

  export interface Content {
    corpId: string;
    kind: Kind;
    audience: Audience;
    senderUserIds?: string[];
  }

  export interface Input extends Content {
    title: string;
    text?: string;
    attachments?: Attachment[];
    scheduledAt?: string;
  }

  export interface Broadcast {
    id: string;
    corpId: string;
    kind: Kind;
    title: string;
    state: State;
    audience: Audience;
    segmentId: string | null;
    senderUserIds: string[] | null;
    text: string | null;
    attachments: Attachment[];
    scheduledAt: string | null;
    plannedCount: number;
    excludedCount: number;
    taskCount: number;
    remindsLeft: number;
    nextPollAt: string | null;
    lastPolledAt: string | null;
    error: string | null;
    createdBy: string | null;
    plannedAt: string | null;
    sentAt: string | null;
    finishedAt: string | null;
    canceledAt: string | null;
    createdAt: string;
  }

  export interface Preview {
    total: number;
    truncated: boolean;
    toSend: number;
    overLimit: number;
    receiveLimit: ReceiveLimit;
    receiveLimitText: string;
    senderRule: string;
    noNameVariable: string;
    senders: Array<{ userId: string; name: string; count: number; tasks: number }>;
    tasks: number;
    sameSegmentSameDay: Array<{ id: string; title: string; at: string }>;
  }

  export interface Totals {
    planned: number;
    excluded: number;
    pending: number;
    sent: number;
    notFriend: number;
    limitReached: number;
    refused: number;
    sentRate: number;
  }

  export interface StaffResult extends Totals {
    userId: string;
    name: string;
    departmentIds: number[];
    confirmed: boolean;
    tasks: Array<{
      seq: number;
      state: string;
      msgid: string | null;
      recipients: number;
      failCount: number;
      sendStatus: number;
      sendTime: string | null;
      error: string | null;
    }>;
  }

  export interface Results {
    broadcast: Broadcast;
    totals: Totals;
    staff: StaffResult[];
    departments: Array<Totals & { departmentId: number; name: string }>;
  }

  export interface Recipient {
    recipientId: string;
    /** The customer's or group's name in the mirror (null: not there any more). */
    recipientName: string | null;
    /** The sender's remark for the customer. */
    recipientRemark: string | null;
    senderUserId: string;
    senderName: string | null;
    status: number;
    sendTime: string | null;
  }

  export interface Personal {
    msgid: string;
    creator: string | null;
    createdAt: string;
    chatType: 'single' | 'group';
    text: string | null;
    attachmentCount: number;
  }
}

export async function listBroadcastsApi(corpId: string): Promise<BroadcastsApi.Broadcast[]> {
  const { data } = await requestClient.get<BroadcastsApi.Broadcast[]>('/admin/broadcasts', {
    params: { corpId, limit: 200 },
  });
  return data;
}

export async function getBroadcastApi(corpId: string, id: string) {
  const { data } = await requestClient.get<BroadcastsApi.Broadcast>(`/admin/broadcasts/${id}`, {
    params: { corpId },
  });
  return data;
}

export async function createBroadcastApi(input: BroadcastsApi.Input, config?: AxiosRequestConfig) {
  const { data } = await requestClient.post<BroadcastsApi.Broadcast>(
    '/admin/broadcasts',
    input,
    config,
  );
  return data;
}

export async function previewBroadcastApi(
  input: BroadcastsApi.Content,
  config?: AxiosRequestConfig,
) {
  const { data } = await requestClient.post<BroadcastsApi.Preview>(
    '/admin/broadcasts/preview',
    input,
    config,
  );
  return data;
}

export async function broadcastResultsApi(corpId: string, id: string, refresh = false) {
  const { data } = refresh
    ? await requestClient.post<BroadcastsApi.Results>(
        `/admin/broadcasts/${id}/results/refresh`,
        undefined,
        { params: { corpId } },
      )
    : await requestClient.get<BroadcastsApi.Results>(`/admin/broadcasts/${id}/results`, {
        params: { corpId },
      });
  return data;
}

export async function broadcastRecipientsApi(
  corpId: string,
  id: string,
  q: { status?: number; senderUserId?: string; cursor?: string; limit?: number } = {},
) {
  const { data } = await requestClient.get<{
    items: BroadcastsApi.Recipient[];
    nextCursor: string | null;
  }>(`/admin/broadcasts/${id}/recipients`, { params: compactParams({ corpId, ...q }) });
  return data;
}

export async function remindBroadcastApi(corpId: string, id: string, config?: AxiosRequestConfig) {
  const { data } = await requestClient.post<{ reminded: number; remindsLeft: number }>(
    `/admin/broadcasts/${id}/remind`,
    undefined,
    { ...config, params: { corpId } },
  );
  return data;
}

export async function cancelBroadcastApi(corpId: string, id: string) {
  const { data } = await requestClient.post<BroadcastsApi.Broadcast>(
    `/admin/broadcasts/${id}/cancel`,
    undefined,
    {
      params: { corpId },
    },
  );
  return data;
}

export async function personalBroadcastsApi(corpId: string) {
  const { data } = await requestClient.get<BroadcastsApi.Personal[]>('/admin/broadcasts/personal', {
    params: { corpId },
  });
  return data;
}

export async function broadcastSettingsApi(corpId: string) {
  const { data } = await requestClient.get<{
    receiveLimit: BroadcastsApi.ReceiveLimit;
    receiveLimitText: string;
  }>('/admin/broadcasts/settings', { params: { corpId } });
  return data;
}

export async function saveBroadcastSettingsApi(
  corpId: string,
  receiveLimit: BroadcastsApi.ReceiveLimit,
) {
  const { data } = await requestClient.put<{
    receiveLimit: BroadcastsApi.ReceiveLimit;
    receiveLimitText: string;
  }>('/admin/broadcasts/settings', { corpId, receiveLimit });
  return data;
}
