/**
 * Request and response shapes of the media (素材) APIs.
 * WeCom's own field names (snake_case, as on developer.work.weixin.qq.com); optional = WeCom may omit it.
 */
import type { WecomBaseResponse } from '../wecom.types';

export type MediaType = 'image' | 'voice' | 'video' | 'file';

export interface MediaUploadResponse extends WecomBaseResponse {
  type: MediaType;
  media_id: string;
  created_at: string;
}

export type AttachmentMediaType = 'image' | 'video' | 'file';

export interface UploadAttachmentResponse extends WecomBaseResponse {
  type: AttachmentMediaType;
  media_id: string;
  created_at: string;
}
