import { requestClient } from './request';

export namespace ChannelsApi {
  export type Type = 'single' | 'multi';
  export type Strategy = 'round_robin' | 'weighted' | 'least_loaded';
  export type Status = 'active' | 'expired';

  export interface StaffMember {
    userId: string;
    weight?: number;
    dailyCap?: number | null;
    backup?: boolean;
    [key: string]: unknown;
  }

  /** The server's ChannelResponseDto (fields this console reads). */
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
    expiresAt: string | null;
    /** The contact way state customers added through this channel carry. */
    state: string;
    configId: string | null;
    /** URL of the QR code image. */
    qrCode: string | null;
    status: Status;
    createdAt: string;
    updatedAt: string;
  }
}

/** `GET /api/admin/channels?corpId`. */
export async function listChannelsApi(corpId: string): Promise<ChannelsApi.Channel[]> {
  const { data } = await requestClient.get<ChannelsApi.Channel[]>('/admin/channels', {
    params: { corpId },
  });
  return data;
}
