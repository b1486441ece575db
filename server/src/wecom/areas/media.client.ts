import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type { SecretScope } from '../wecom.types';
import type { MediaType, MediaUploadResponse } from './media.types';

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
    file: { data: Buffer; filename: string; contentType?: string },
    scope: SecretScope = 'contact',
  ): Promise<MediaUploadResponse> {
    const form = new FormData();
    const bytes = new Uint8Array(file.data); // a copy with its own ArrayBuffer, as Blob wants
    form.append(
      'media',
      new Blob([bytes], { type: file.contentType ?? 'application/octet-stream' }),
      file.filename,
    );
    return this.transport.call(
      {
        method: 'POST',
        path: 'media/upload',
        scope,
        query: { type },
        body: form,
        idempotent: false,
      },
      corpId,
    );
  }
}
