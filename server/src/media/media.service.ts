import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import { MediaClient } from '../wecom/areas/media.client';
import { MediaAssetEntity } from './entities/media-asset.entity';
import { checkMedia, MediaKind, mediaIdFresh } from './media-limits';
import { MediaRepository } from './media.repository';
import { MediaStorage } from './media-storage';

export interface MediaAssetView {
  id: string;
  kind: MediaKind;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

export interface IncomingFile {
  buffer: Buffer;
  originalname: string;
}

export const toMediaAssetView = (a: MediaAssetEntity): MediaAssetView => ({
  id: String(a.id),
  kind: a.kind,
  filename: a.filename,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  createdAt: a.createdAt.toISOString(),
});

/**
 * Media assets (素材): stored once, given to WeCom when a message needs them. WeCom's temporary
 * media_id lasts 3 days, so `ensureMediaId` / `ensureAttachmentId` upload again when the one we
 * hold is older than that minus a margin (or when WeCom refused it: `force`).
 */
@Injectable()
export class MediaService {
  /** Uploads in flight in this process, so parallel sends of one asset upload it once. */
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly repo: MediaRepository,
    private readonly storage: MediaStorage,
    private readonly client: MediaClient,
  ) {}

  /** Checks WeCom's limits for `kind` (400 naming `file` otherwise), stores the bytes and the row. */
  async upload(
    corpId: string,
    kind: MediaKind,
    file: IncomingFile | undefined,
    createdBy: string | null,
  ): Promise<MediaAssetView> {
    if (!file?.buffer) throw fieldError('file', 'file is required (multipart field "file")');
    const checked = checkMedia(kind, file.buffer);
    if ('error' in checked) throw fieldError('file', checked.error);
    const { key, sha256 } = MediaStorage.keyOf(corpId, file.buffer);
    await this.storage.put(key, file.buffer);
    const row = await this.repo.insert({
      corpId,
      kind,
      filename: sanitizeFilename(file.originalname, kind),
      contentType: checked.contentType,
      sizeBytes: file.buffer.length,
      sha256,
      storageKey: key,
      createdBy,
    });
    return toMediaAssetView(row);
  }

  async get(corpId: string, id: string): Promise<MediaAssetView> {
    return toMediaAssetView(await this.require(corpId, id));
  }

  async list(corpId: string, limit = 100): Promise<MediaAssetView[]> {
    return (await this.repo.list(corpId, limit)).map(toMediaAssetView);
  }

  /** The assets that exist among `ids` (for validating a message's attachments). */
  async existing(corpId: string, ids: string[]): Promise<MediaAssetView[]> {
    return (await this.repo.findMany(corpId, ids)).map(toMediaAssetView);
  }

  /** Bytes of an asset (the console's preview). */
  async content(corpId: string, id: string): Promise<{ asset: MediaAssetView; data: Buffer }> {
    const asset = await this.require(corpId, id);
    return { asset: toMediaAssetView(asset), data: await this.storage.get(asset.storageKey) };
  }

  /** A media_id (media/upload) for the asset that is valid for a while yet. */
  ensureMediaId(corpId: string, assetId: string, opts: { force?: boolean } = {}): Promise<string> {
    return this.once(`m:${corpId}:${assetId}`, async () => {
      const asset = await this.require(corpId, assetId);
      if (!opts.force && asset.mediaId && mediaIdFresh(asset.mediaUploadedAt, Date.now()))
        return asset.mediaId;
      const started = Date.now();
      const res = await this.client.uploadMedia(corpId, asset.kind, await this.file(asset));
      await this.repo.setMediaId(asset.id, res.media_id, uploadedAt(started, res.created_at));
      return res.media_id;
    });
  }

  /** A media_id from media/upload_attachment (attachment_type 1: moments), valid for a while yet. */
  ensureAttachmentId(
    corpId: string,
    assetId: string,
    opts: { force?: boolean } = {},
  ): Promise<string> {
    return this.once(`a:${corpId}:${assetId}`, async () => {
      const asset = await this.require(corpId, assetId);
      if (asset.kind === 'voice')
        throw fieldError('attachments', 'voice cannot be a moments attachment');
      if (
        !opts.force &&
        asset.attachmentMediaId &&
        mediaIdFresh(asset.attachmentUploadedAt, Date.now())
      )
        return asset.attachmentMediaId;
      const started = Date.now();
      const res = await this.client.uploadAttachment(corpId, asset.kind, 1, await this.file(asset));
      await this.repo.setAttachmentId(asset.id, res.media_id, uploadedAt(started, res.created_at));
      return res.media_id;
    });
  }

  private async file(asset: MediaAssetEntity) {
    return {
      data: await this.storage.get(asset.storageKey),
      filename: asset.filename,
      contentType: asset.contentType,
    };
  }

  private async require(corpId: string, id: string): Promise<MediaAssetEntity> {
    const asset = /^\d{1,20}$/.test(id) ? await this.repo.find(corpId, id) : null;
    if (!asset) throw new NotFoundException(`media asset ${id} not found`);
    return asset;
  }

  private once(key: string, run: () => Promise<string>): Promise<string> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const p = run().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }
}

/** The earlier of our clock before the call and WeCom's created_at: the media_id's age is never under-counted. */
function uploadedAt(startedMs: number, createdAt: string | undefined): Date {
  const wecom = Number(createdAt) * 1000;
  return new Date(Number.isFinite(wecom) && wecom > 0 ? Math.min(startedMs, wecom) : startedMs);
}

const EXT: Record<MediaKind, string> = { image: 'jpg', voice: 'amr', video: 'mp4', file: 'bin' };

/**
 * Multer reads the multipart filename as latin1; browsers send UTF-8 (海报.png): decoded back when
 * the bytes are valid UTF-8.
 */
function utf8Filename(name: string): string {
  if (![...name].some((ch) => ch >= '\u0080') || [...name].some((ch) => ch > '\u00ff')) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? name : decoded;
}

/** A name WeCom accepts in the multipart header: no quotes, slashes or control characters. */
function sanitizeFilename(name: string | undefined, kind: MediaKind): string {
  const clean = utf8Filename(name ?? '')
    .replace(/[\\/"\r\n\t\0]/g, '_')
    .trim()
    .slice(-200);
  return clean || `${kind}.${EXT[kind]}`;
}

function fieldError(field: string, message: string): AppException {
  return new AppException('VALIDATION_FAILED', message, HttpStatus.BAD_REQUEST, {
    [field]: [message],
  });
}
