import type { AxiosRequestConfig } from 'axios';
import type { components, operations } from './schema';
import { requestClient } from './request';
import { compactParams } from './request';

export namespace CallbackEventsApi {
  export type Status = 'pending' | 'processing' | 'done' | 'skipped' | 'failed';

  export interface Event {
    id: string;
    corpId: string;
    event: string;
    changeType: string | null;
    /** ISO time WeCom stamped on the event. */
    createTime: string;
    status: Status;
    attempts: number;
    lastError: string | null;
    /** A pending event whose last attempt failed: when it is tried again (ISO). */
    nextAttemptAt: string | null;
    payload: Record<string, unknown>;
    receivedAt: string;
    processedAt: string | null;
  }

  /** The server's ListCallbackEventsQueryDto (generated). */
  export type ListParams = NonNullable<
    operations['CallbackEventsController_list']['parameters']['query']
  >;

  export type Counts = Partial<Record<Status, number>>;

  export interface ReplayResult {
    replayed: number;
  }

  /** The server's ReplayCallbackEventsDto (generated): every event in a state. */
  export type ReplayAllParams = Pick<components['schemas']['ReplayCallbackEventsDto'], 'corpId'> & {
    status: 'failed';
  };
}

export const CALLBACK_EVENT_STATUSES: readonly CallbackEventsApi.Status[] = [
  'pending',
  'processing',
  'done',
  'skipped',
  'failed',
];

/** `GET /api/admin/callback-events`: newest first. */
export async function listCallbackEventsApi(
  params: CallbackEventsApi.ListParams = {},
  config: AxiosRequestConfig = {},
): Promise<CallbackEventsApi.Event[]> {
  const { data } = await requestClient.get<CallbackEventsApi.Event[]>('/admin/callback-events', {
    ...config,
    params: compactParams(params),
  });
  return data;
}

/** `GET /api/admin/callback-events/counts`: events per status. */
export async function getCallbackEventCountsApi(): Promise<CallbackEventsApi.Counts> {
  const { data } = await requestClient.get<CallbackEventsApi.Counts>(
    '/admin/callback-events/counts',
  );
  return data;
}

/** `POST /api/admin/callback-events/:id/replay`. */
export async function replayCallbackEventApi(id: string): Promise<CallbackEventsApi.ReplayResult> {
  const { data } = await requestClient.post<CallbackEventsApi.ReplayResult>(
    `/admin/callback-events/${encodeURIComponent(id)}/replay`,
  );
  return data;
}

/** `POST /api/admin/callback-events/replay`: every failed event (of one corp). */
export async function replayCallbackEventsApi(
  params: CallbackEventsApi.ReplayAllParams,
): Promise<CallbackEventsApi.ReplayResult> {
  const { data } = await requestClient.post<CallbackEventsApi.ReplayResult>(
    '/admin/callback-events/replay',
    compactParams(params),
  );
  return data;
}
