import { fail } from '../errors';
import type { SandboxState } from '../state';
import { parseMultipart } from './misc';
import type { ApiDef, Json } from './types';
import { ok, optString } from './util';

/** Temporary media (media/upload, media/upload_attachment) are valid 3 days (DW 96484). */
export const MEDIA_TTL_SECONDS = 3 * 86400;

const MB = 1024 * 1024;
/** 上传附件资源 (DW 96347): image ≤10MB, video ≤10MB, file ≤20MB. */
const ATTACHMENT_LIMITS: Record<string, number> = { image: 10 * MB, video: 10 * MB, file: 20 * MB };

/**
 * Whether `mediaId` names a temporary media the corp uploaded and that is still valid now:
 * mass messages and moments answer 40007 (invalid media_id) otherwise. `attachment` asks for
 * one from media/upload_attachment (moments must use those).
 */
export function mediaValid(state: SandboxState, mediaId: unknown, attachment = false): boolean {
  if (typeof mediaId !== 'string') return false;
  const m = state.media.get(mediaId);
  if (!m || m.type === 'uploadimg') return false;
  if (attachment !== m.type.startsWith('attachment:')) return false;
  return state.now() - m.created_at < MEDIA_TTL_SECONDS;
}

/** 40007 for the first attachment whose media_id is unknown or expired. */
export function checkAttachmentMedia(state: SandboxState, attachments: unknown[]): void {
  for (const a of attachments as Json[]) {
    const type = a.msgtype as string;
    const body = a[type] as Json;
    const id =
      type === 'miniprogram' ? body.pic_media_id : type === 'link' ? undefined : body.media_id;
    if (type === 'image' && body.media_id === undefined && typeof body.pic_url === 'string')
      continue;
    if (id !== undefined && !mediaValid(state, id)) fail(40007, `invalid media_id ${String(id)}`);
  }
}

export const mediaApis: ApiDef[] = [
  {
    // 上传附件资源 (DW 96347): media_type image|video|file, attachment_type 1 朋友圈 | 2 商品图册.
    method: 'POST',
    path: 'media/upload_attachment',
    rawBody: true,
    handler: ({ state, query, rawBody, contentType }) => {
      const mediaType = optString(query.media_type) ?? '';
      if (!(mediaType in ATTACHMENT_LIMITS)) fail(40004, `invalid media_type ${mediaType}`);
      const attachmentType = optString(query.attachment_type);
      if (attachmentType !== '1' && attachmentType !== '2')
        fail(40058, `invalid attachment_type ${attachmentType ?? ''}`);
      const files = parseMultipart(rawBody, contentType);
      const file = files.find((f) => f.name === 'media') ?? files[0];
      if (!file || file.data.length === 0) fail(44001);
      if (file.data.length <= 5 || file.data.length > ATTACHMENT_LIMITS[mediaType])
        fail(41072, `invalid attachment size ${file.data.length}`);
      const created = state.now();
      const mediaId = state.ids.mediaId();
      state.media.set(mediaId, {
        media_id: mediaId,
        type: `attachment:${mediaType}`,
        filename: file.filename,
        size: file.data.length,
        created_at: created,
      });
      return ok({ type: mediaType, media_id: mediaId, created_at: String(created) });
    },
  },
];
