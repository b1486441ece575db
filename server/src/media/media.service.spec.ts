import type { MediaClient } from '../wecom/areas/media.client';
import type { MediaAssetEntity } from './entities/media-asset.entity';
import type { MediaRepository } from './media.repository';
import { MediaService } from './media.service';
import type { MediaStorage } from './media-storage';

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64)]);

function setup() {
  const rows = new Map<string, MediaAssetEntity>();
  const files = new Map<string, Buffer>();
  let nextId = 1;
  const repo = {
    insert: async (row: Partial<MediaAssetEntity>) => {
      const r = { ...row, id: String(nextId++), createdAt: new Date() } as MediaAssetEntity;
      rows.set(r.id, r);
      return r;
    },
    find: async (corpId: string, id: string) =>
      rows.get(id)?.corpId === corpId ? rows.get(id)! : null,
    setMediaId: async (id: string, mediaId: string, at: Date) => {
      Object.assign(rows.get(id)!, { mediaId, mediaUploadedAt: at });
    },
    setAttachmentId: async (id: string, mediaId: string, at: Date) => {
      Object.assign(rows.get(id)!, { attachmentMediaId: mediaId, attachmentUploadedAt: at });
    },
  } as unknown as MediaRepository;
  const storage = {
    put: async (k: string, d: Buffer) => void files.set(k, d),
    get: async (k: string) => files.get(k)!,
  } as unknown as MediaStorage;
  const uploads: string[] = [];
  let n = 0;
  const client = {
    uploadMedia: jest.fn(async (_c: string, type: string, f: { data: Buffer }) => {
      uploads.push(`media:${type}:${f.data.length}`);
      return { type, media_id: `M${++n}`, created_at: String(Math.floor(Date.now() / 1000)) };
    }),
    uploadAttachment: jest.fn(async (_c: string, type: string, at: number) => {
      uploads.push(`attachment:${type}:${at}`);
      return { type, media_id: `A${++n}`, created_at: String(Math.floor(Date.now() / 1000)) };
    }),
  } as unknown as MediaClient;
  return { svc: new MediaService(repo, storage, client), rows, uploads };
}

describe('MediaService', () => {
  it('refuses a file over WeCom’s limits with a 400 naming the file, uploading nothing', async () => {
    const { svc, uploads } = setup();
    await expect(
      svc.upload(
        'wwcorp1',
        'image',
        { buffer: Buffer.from('not an image'), originalname: 'a.gif' },
        null,
      ),
    ).rejects.toMatchObject({ status: 400, errors: { file: ['文件内容不是图片 (JPG/PNG)'] } });
    expect(uploads).toEqual([]);
  });

  it('uploads once, reuses the media_id while fresh, uploads again when it is nearly 3 days old', async () => {
    const { svc, rows, uploads } = setup();
    const asset = await svc.upload(
      'wwcorp1',
      'image',
      { buffer: png, originalname: 'p"ic.png' },
      'admin',
    );
    expect(asset).toMatchObject({ kind: 'image', contentType: 'image/png', filename: 'p_ic.png' });
    const first = await svc.ensureMediaId('wwcorp1', asset.id);
    expect(await svc.ensureMediaId('wwcorp1', asset.id)).toBe(first);
    expect(uploads).toHaveLength(1);
    rows.get(asset.id)!.mediaUploadedAt = new Date(Date.now() - 67 * 3600 * 1000); // 2 d 19 h
    const second = await svc.ensureMediaId('wwcorp1', asset.id);
    expect(second).not.toBe(first);
    expect(uploads).toEqual([`media:image:${png.length}`, `media:image:${png.length}`]);
    expect(await svc.ensureMediaId('wwcorp1', asset.id, { force: true })).not.toBe(second);
  });

  it('uploads moments attachments through upload_attachment (attachment_type 1), apart from media_ids', async () => {
    const { svc, uploads } = setup();
    const asset = await svc.upload(
      'wwcorp1',
      'image',
      { buffer: png, originalname: 'm.png' },
      null,
    );
    const [a, b] = await Promise.all([
      svc.ensureAttachmentId('wwcorp1', asset.id),
      svc.ensureAttachmentId('wwcorp1', asset.id),
    ]);
    expect(a).toBe(b);
    expect(uploads).toEqual(['attachment:image:1']);
    await expect(svc.ensureMediaId('wwcorp2', asset.id)).rejects.toMatchObject({ status: 404 });
  });
});
