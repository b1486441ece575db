import { requestClient } from './request';

export namespace MediaApi {
  export type Kind = 'image' | 'voice' | 'video' | 'file';
  /** The server's MediaAssetDto. */
  export interface Asset {
    id: string;
    kind: Kind;
    filename: string;
    contentType: string;
    sizeBytes: number;
    createdAt: string;
  }
}

/** `POST /api/admin/media?corpId&kind` (multipart `file`): WeCom's limits are checked first. */
export async function uploadMediaApi(
  corpId: string,
  kind: MediaApi.Kind,
  file: File,
): Promise<MediaApi.Asset> {
  const form = new FormData();
  form.append('file', file, file.name);
  const { data } = await requestClient.post<MediaApi.Asset>('/admin/media', form, {
    params: { corpId, kind },
  });
  return data;
}

/** The asset's bytes as an object URL, for previews (the request carries the session). */
export async function mediaObjectUrlApi(corpId: string, id: string): Promise<string> {
  const { data } = await requestClient.get<Blob>(`/admin/media/${id}/content`, {
    params: { corpId },
    responseType: 'blob',
  });
  return URL.createObjectURL(data);
}
