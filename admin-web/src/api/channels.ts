import type { components } from './schema';
import type { AxiosRequestConfig } from 'axios';
import { compactParams, requestClient } from './request';

export namespace ChannelsApi {
  export type Type = components['schemas']['CreateChannelDto']['type'];
  export type Strategy = components['schemas']['CreateChannelDto']['strategy'];
  export type Status = 'active' | 'expired';

  export interface WorkingWindow {
    /** 1 = Monday … 7 = Sunday. */
    days: number[];
    start: string;
    end: string;
  }

  export interface WorkingHours {
    timezone: string;
    windows: WorkingWindow[];
  }

  export interface StaffMember {
    userId: string;
    weight?: number;
    dailyCap?: number | null;
    hours?: WorkingHours | null;
    backup?: boolean;
  }

  /** The server's WelcomeAttachmentDto (generated). */
  export type Attachment = components['schemas']['WelcomeAttachmentDto'];

  export interface Welcome {
    text?: string;
    attachments?: Attachment[];
  }

  /** The server's ChannelResponseDto. */
  export interface Channel {
    id: string;
    corpId: string;
    name: string;
    folder: string;
    type: Type;
    strategy: Strategy;
    skipVerify: boolean;
    staff: StaffMember[];
    departmentIds: number[];
    timezone: string;
    tagIds: string[];
    welcome: Welcome | null;
    remarkTemplate: string | null;
    expiresAt: string | null;
    /** The contact way state customers added through this channel carry. */
    state: string;
    configId: string | null;
    /** URL of the QR code image. */
    qrCode: string | null;
    status: Status;
    pool?: {
      userIds: string[];
      mode: string | null;
      syncedAt: string | null;
      error: string | null;
    };
    createdAt: string;
    updatedAt: string;
  }

  /** The body of create (with corpId) and edit (without; type cannot change). */
  export interface Input {
    name: string;
    folder?: string;
    type: Type;
    strategy?: Strategy;
    skipVerify?: boolean;
    staff?: StaffMember[];
    departmentIds?: number[];
    timezone?: string;
    tagIds?: string[];
    welcome?: Welcome | null;
    remarkTemplate?: string | null;
    expiresAt?: string | null;
  }

  export interface FunnelCounts {
    /** WeCom does not report scans of a contact way: always null. */
    scans: number | null;
    adds: number;
    /** Still friends now. */
    active: number;
    kept1d: number;
    matured1d: number;
    kept7d: number;
    matured7d: number;
    kept30d: number;
    matured30d: number;
    deletedByCustomer: number;
    deletedByStaff: number;
  }

  /** One day × channel (× staff member when grouped by staff). */
  export interface FunnelRow extends FunnelCounts {
    day: string;
    channelId: string;
    channelName: string;
    userId?: string;
    staffName?: string | null;
  }

  export interface Funnel {
    from: string;
    to: string;
    timezone: string;
    groupBy: 'channel' | 'staff';
    rows: FunnelRow[];
    totals: FunnelCounts;
  }

  export interface StatsParams {
    corpId: string;
    channelId?: string;
    from?: string;
    to?: string;
    groupBy?: 'channel' | 'staff';
    timezone?: string;
  }
}

/** `GET /api/admin/channels?corpId`. */
export async function listChannelsApi(
  corpId: string,
  config: AxiosRequestConfig = {},
): Promise<ChannelsApi.Channel[]> {
  const { data } = await requestClient.get<ChannelsApi.Channel[]>('/admin/channels', {
    ...config,
    params: { corpId },
  });
  return data;
}

/** `GET /api/admin/channels/:id?corpId`. */
export async function getChannelApi(corpId: string, id: string): Promise<ChannelsApi.Channel> {
  const { data } = await requestClient.get<ChannelsApi.Channel>(
    `/admin/channels/${encodeURIComponent(id)}`,
    { params: { corpId } },
  );
  return data;
}

/**
 * `POST /api/admin/channels`: creates the contact way in WeCom. A 422 carries the per-staff
 * pre-checks (`errors["staff.<userid>"]`) or WeCom's refusal; the form shows them itself.
 */
export async function createChannelApi(
  corpId: string,
  input: ChannelsApi.Input,
): Promise<ChannelsApi.Channel> {
  const { data } = await requestClient.post<ChannelsApi.Channel>(
    '/admin/channels',
    { corpId, ...input },
    { silent: true },
  );
  return data;
}

/** `PATCH /api/admin/channels/:id?corpId` (the type cannot change: WeCom does not allow it). */
export async function updateChannelApi(
  corpId: string,
  id: string,
  input: Omit<ChannelsApi.Input, 'type'>,
): Promise<ChannelsApi.Channel> {
  const { data } = await requestClient.patch<ChannelsApi.Channel>(
    `/admin/channels/${encodeURIComponent(id)}`,
    input,
    { params: { corpId }, silent: true },
  );
  return data;
}

/** `DELETE /api/admin/channels/:id?corpId`: deletes the contact way in WeCom too. */
export async function deleteChannelApi(corpId: string, id: string): Promise<void> {
  await requestClient.delete(`/admin/channels/${encodeURIComponent(id)}`, { params: { corpId } });
}

/** `GET /api/admin/channels/stats`: the funnel per day × channel (× staff). */
export async function getChannelFunnelApi(
  params: ChannelsApi.StatsParams,
  config: AxiosRequestConfig = {},
): Promise<ChannelsApi.Funnel> {
  const { data } = await requestClient.get<ChannelsApi.Funnel>('/admin/channels/stats', {
    ...config,
    params: compactParams(params),
  });
  return data;
}

/** `GET /api/admin/channels/stats.csv`: the same funnel as CSV (UTF-8 with BOM). */
export async function getChannelFunnelCsvApi(params: ChannelsApi.StatsParams): Promise<Blob> {
  const { data } = await requestClient.get<Blob>('/admin/channels/stats.csv', {
    params: compactParams(params),
    responseType: 'blob',
  });
  return data;
}
