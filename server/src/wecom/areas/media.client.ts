import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type { SecretScope } from '../wecom.types';
import type {
  AttachmentMediaType,
  MediaType,
  MediaUploadResponse,
  UploadAttachmentResponse,
} from './media.types';

type UploadFile = { data: Buffer; filename: string; contentType?: string };

function mediaForm(file: UploadFile): FormData {
  const form = new FormData();
  const bytes = new Uint8Array(file.data); // a copy with its own ArrayBuffer, as Blob wants
  form.append(
    'media',
    new Blob([bytes], { type: file.contentType ?? 'application/octet-stream' }),
    file.filename,
  );
  return form;
}

/** Media (素材): temporary uploads for the attachments of welcome messages, mass messages, moments. */
@Injectable()
export class MediaClient {
  constructor(private readonly transport: WecomTransport) {}

  /**
   * media/upload (temporary media, 3 days). Attachments of welcome / mass messages / moments are
   * used with the customer-contact secret, so that is the default scope.
   */
  uploadMedia(
    corpId: string,
    type: MediaType,
    file: UploadFile,
    scope: SecretScope = 'contact',
  ): Promise<MediaUploadResponse> {
    return this.transport.call(
      {
        method: 'POST',
        path: 'media/upload',
        scope,
        query: { type },
        body: mediaForm(file),
        idempotent: false,
      },
      corpId,
    );
  }

  /**
   * media/upload_attachment (DW 96347): attachments of moments (attachment_type 1) or product
   * albums (2) must be uploaded here; the media_id lasts 3 days.
   */
  uploadAttachment(
    corpId: string,
    mediaType: AttachmentMediaType,
    attachmentType: 1 | 2,
    file: UploadFile,
  ): Promise<UploadAttachmentResponse> {
    return this.transport.call(
      {
        method: 'POST',
        path: 'media/upload_attachment',
        scope: 'contact',
        query: { media_type: mediaType, attachment_type: String(attachmentType) },
        body: mediaForm(file),
        idempotent: false,
      },
      corpId,
    );
  }
}
