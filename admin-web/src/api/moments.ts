import type { components } from './schema';
import { requestClient } from './request';

export namespace MomentsApi {
  /** The server's CreateMomentDto / UpdateMomentDto (generated). */
  export type Input = components['schemas']['CreateMomentDto'];
  export type Update = components['schemas']['UpdateMomentDto'];
  export type Attachment = components['schemas']['MomentAttachmentDto'];
  export type AttachmentType = Attachment['type'];
  export type State = 'scheduled' | 'creating' | 'submitted' | 'created' | 'failed' | 'cancelled';

  export interface Visibility {
    userIds: string[];
    departmentIds: number[];
    tagIds: string[];
  }

  /** The server's MomentResponseDto. */
  export interface Moment {
    id: string;
    corpId: string;
    title: string;
    text: string | null;
    attachments: Attachment[];
    visible: Visibility;
    state: State;
    scheduledAt: string;
    momentId: string | null;
    createdAtWecom: string | null;
    /** What WeCom refused in the visible range, in sentences. */
    warnings: string[];
    error: string | null;
    resultsPulledAt: string | null;
    createdBy: string | null;
    createdAt: string;
  }

  export interface Totals {
    staff: number;
    published: number;
    visible: number;
    sent: number;
    comments: number;
    likes: number;
  }

  export interface StaffRow {
    userId: string;
    name: string | null;
    /** 0 未发表, 1 已发表. */
    publishStatus: number;
    visibleCount: number;
    sentCount: number;
    commentCount: number;
    likeCount: number;
  }

  export interface Interaction {
    userId: string;
    kind: 'comment' | 'like';
    externalUserId: string | null;
    actorUserId: string | null;
    at: string;
  }

  /** The server's MomentResultsDto. */
  export interface Results {
    moment: Moment;
    totals: Totals;
    staff: StaffRow[];
    interactions: Interaction[];
  }

  export interface Customer {
    userId: string;
    externalUserId: string;
    visible: boolean;
    sent: boolean;
  }

  export interface Personal {
    momentId: string;
    creator: string | null;
    creatorName: string | null;
    createdAt: string;
    visibleType: number;
    text: string | null;
    images: number;
    hasVideo: boolean;
    linkTitle: string | null;
  }

  /** A media asset as the media module answers an upload (id is what a moment attaches). */
  export interface Asset {
    id: string;
    kind: string;
    filename?: string;
  }
}

const corpParams = (corpId: string) => ({ params: { corpId } });

export async function listMomentsApi(corpId: string): Promise<MomentsApi.Moment[]> {
  const { data } = await requestClient.get<MomentsApi.Moment[]>(
    '/admin/moments',
    corpParams(corpId),
  );
  return data;
}

export async function getMomentApi(corpId: string, id: string): Promise<MomentsApi.Moment> {
  const { data } = await requestClient.get<MomentsApi.Moment>(
    `/admin/moments/${id}`,
    corpParams(corpId),
  );
  return data;
}

export async function createMomentApi(
  input: MomentsApi.Input,
  config: { silent?: boolean } = {},
): Promise<MomentsApi.Moment> {
  const { data } = await requestClient.post<MomentsApi.Moment>('/admin/moments', input, config);
  return data;
}

export async function updateMomentApi(
  corpId: string,
  id: string,
  input: MomentsApi.Update,
  config: { silent?: boolean } = {},
): Promise<MomentsApi.Moment> {
  const { data } = await requestClient.patch<MomentsApi.Moment>(`/admin/moments/${id}`, input, {
    ...corpParams(corpId),
    ...config,
  });
  return data;
}

export async function cancelMomentApi(corpId: string, id: string): Promise<MomentsApi.Moment> {
  const { data } = await requestClient.post<MomentsApi.Moment>(
    `/admin/moments/${id}/cancel`,
    {},
    corpParams(corpId),
  );
  return data;
}

export async function refreshMomentApi(corpId: string, id: string): Promise<MomentsApi.Moment> {
  const { data } = await requestClient.post<MomentsApi.Moment>(
    `/admin/moments/${id}/refresh`,
    {},
    corpParams(corpId),
  );
  return data;
}

export async function getMomentResultsApi(corpId: string, id: string): Promise<MomentsApi.Results> {
  const { data } = await requestClient.get<MomentsApi.Results>(
    `/admin/moments/${id}/results`,
    corpParams(corpId),
  );
  return data;
}

export async function listMomentCustomersApi(
  corpId: string,
  id: string,
  params: { userId?: string; cursor?: string } = {},
): Promise<{ items: MomentsApi.Customer[]; nextCursor: string | null }> {
  const { data } = await requestClient.get<{
    items: MomentsApi.Customer[];
    nextCursor: string | null;
  }>(`/admin/moments/${id}/customers`, { params: { corpId, ...params } });
  return data;
}

export async function listPersonalMomentsApi(
  corpId: string,
  from: string,
  to: string,
  config: { silent?: boolean } = {},
): Promise<MomentsApi.Personal[]> {
  const { data } = await requestClient.get<MomentsApi.Personal[]>('/admin/moments/personal', {
    params: { corpId, from, to },
    ...config,
  });
  return data;
}

/** Uploads an image or video to the media module (`POST /api/admin/media`), for attaching. */
export async function uploadMomentMediaApi(
  corpId: string,
  kind: 'image' | 'video',
  file: File,
): Promise<MomentsApi.Asset> {
  const form = new FormData();
  form.append('file', file, file.name);
  const { data } = await requestClient.post<MomentsApi.Asset>('/admin/media', form, {
    params: { corpId, kind },
  });
  return data;
}
