import request from 'supertest';
import { MediaService } from '../../src/media/media.service';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(256, 7)]);

/** Media assets: uploaded in the console, checked against WeCom's limits, given to WeCom once. */
describe('media assets (素材) against the sandbox', () => {
  let stack: SandboxStack;
  const corpId = () => stack.sandbox.corp.corpId;

  beforeAll(async () => {
    stack = await startSandboxStack({ withWorker: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('stores an image, refuses what WeCom would refuse with a 400 naming the file', async () => {
    const api = () => request(stack.url);
    await api()
      .post(`/api/admin/media?corpId=${corpId()}&kind=image`)
      .attach('file', png, 'a.png')
      .expect(401);
    const ok = await api()
      .post(`/api/admin/media?corpId=${corpId()}&kind=image`)
      .set(stack.auth())
      .attach('file', png, '海报.png')
      .expect(201);
    expect(ok.body).toMatchObject({
      kind: 'image',
      filename: '海报.png',
      contentType: 'image/png',
      sizeBytes: png.length,
    });
    const bad = await api()
      .post(`/api/admin/media?corpId=${corpId()}&kind=image`)
      .set(stack.auth())
      .attach('file', Buffer.from('GIF89a animated'), 'a.gif')
      .expect(400);
    expect(bad.body.errors.file[0]).toBe('文件内容不是图片 (JPG/PNG)');
    const kind = await api()
      .post(`/api/admin/media?corpId=${corpId()}&kind=sticker`)
      .set(stack.auth())
      .attach('file', png, 'a.png')
      .expect(400);
    expect(Object.keys(kind.body.errors)).toEqual(['kind']);
    const content = await api()
      .get(`/api/admin/media/${ok.body.id}/content?corpId=${corpId()}`)
      .set(stack.auth())
      .expect(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(content.body, png)).toBe(0);

    // WeCom gets it once while the media_id is fresh, through media/upload and upload_attachment
    const media = stack.app.get(MediaService);
    const before = stack.sandbox.state.media.size;
    const id = await media.ensureMediaId(corpId(), ok.body.id);
    expect(await media.ensureMediaId(corpId(), ok.body.id)).toBe(id);
    const att = await media.ensureAttachmentId(corpId(), ok.body.id);
    expect(att).not.toBe(id);
    expect(stack.sandbox.state.media.size).toBe(before + 2);
    expect(stack.sandbox.state.media.get(id)).toMatchObject({
      type: 'image',
      filename: '海报.png',
      size: png.length,
    });
    expect(stack.sandbox.state.media.get(att)).toMatchObject({ type: 'attachment:image' });
  });
});
