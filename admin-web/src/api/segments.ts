import { requestClient } from './request';

/** The audience filter (server/src/audience/audience-filter.ts), as the API takes it. */
export namespace AudienceApi {
  export type TagOp = 'any' | 'all' | 'none';
  export type RelationStatus = 'active' | 'deleted_by_customer' | 'deleted_by_staff';

  export interface Filter {
    tags?: Array<{ op: TagOp; tagIds: string[] }>;
    staffUserIds?: string[];
    departmentIds?: number[];
    channelIds?: string[];
    addedFrom?: string;
    addedTo?: string;
    genders?: number[];
    customerTypes?: number[];
    relationStatus?: RelationStatus[];
    groups?: { chatIds?: string[]; none?: boolean };
    lastChatFrom?: string;
    lastChatTo?: string;
    search?: string;
  }

  export interface Segment {
    id: string;
    name: string;
    filter: Filter;
    customerCount: number | null;
    countedAt: string | null;
    createdBy: string | null;
    createdAt: string;
    updatedAt: string;
  }

  export interface Export {
    id: string;
    status: 'queued' | 'running' | 'done' | 'failed';
    done: number;
    total: number | null;
    bytes: number | null;
    error: string | null;
    downloadUrl: string | null;
    createdAt: string;
    finishedAt: string | null;
  }
}

const corpPath = (corpId: string) => `/admin/corps/${encodeURIComponent(corpId)}`;

/** `POST …/audience/count`: how many customers the filter selects now. */
export async function countAudienceApi(
  corpId: string,
  filter: AudienceApi.Filter,
  signal?: AbortSignal,
): Promise<{ count: number; countedAt: string }> {
  const { data } = await requestClient.post(
    `${corpPath(corpId)}/audience/count`,
    { filter },
    { signal },
  );
  return data;
}

export async function listSegmentsApi(corpId: string): Promise<AudienceApi.Segment[]> {
  const { data } = await requestClient.get(`${corpPath(corpId)}/segments`);
  return data;
}

export async function createSegmentApi(
  corpId: string,
  body: { name: string; filter: AudienceApi.Filter },
): Promise<AudienceApi.Segment> {
  const { data } = await requestClient.post(`${corpPath(corpId)}/segments`, body);
  return data;
}

export async function updateSegmentApi(
  corpId: string,
  id: string,
  body: { name?: string; filter?: AudienceApi.Filter },
): Promise<AudienceApi.Segment> {
  const { data } = await requestClient.patch(`${corpPath(corpId)}/segments/${id}`, body);
  return data;
}

export async function deleteSegmentApi(corpId: string, id: string): Promise<void> {
  await requestClient.delete(`${corpPath(corpId)}/segments/${id}`);
}

/** `POST …/segments/:id/count`: counts the segment again (count and countedAt). */
export async function refreshSegmentCountApi(
  corpId: string,
  id: string,
): Promise<AudienceApi.Segment> {
  const { data } = await requestClient.post(`${corpPath(corpId)}/segments/${id}/count`);
  return data;
}

/** `POST …/audience/exports`: starts a CSV export job. */
export async function createExportApi(
  corpId: string,
  filter: AudienceApi.Filter,
): Promise<AudienceApi.Export> {
  const { data } = await requestClient.post(`${corpPath(corpId)}/audience/exports`, { filter });
  return data;
}

export async function getExportApi(corpId: string, id: string): Promise<AudienceApi.Export> {
  const { data } = await requestClient.get(`${corpPath(corpId)}/audience/exports/${id}`);
  return data;
}

/** The finished CSV through the session (a Blob the page saves under `fileName`). */
export async function downloadExportApi(downloadUrl: string): Promise<Blob> {
  const { data } = await requestClient.get(downloadUrl.replace(/^\/api/, ''), {
    responseType: 'blob',
  });
  return data;
}
