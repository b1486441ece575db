import { CORP, makeTransport, useFakeWecom } from '../../common/testing/fake-wecom';
import { MediaClient } from './media.client';

describe('MediaClient', () => {
  const fake = useFakeWecom();

  it('uploads media as multipart with the field "media"', async () => {
    const client = new MediaClient(makeTransport(fake).transport);
    fake.api = () => ({
      json: { errcode: 0, errmsg: 'ok', type: 'image', media_id: 'M1', created_at: '1' },
    });
    const res = await client.uploadMedia(CORP.corpId, 'image', {
      data: Buffer.from('PNGDATA123'),
      filename: 'a.png',
      contentType: 'image/png',
    });
    expect(res.media_id).toBe('M1');
    const [call] = fake.calls('media/upload');
    expect(call.query.type).toBe('image');
    expect(call.query.access_token).toMatch(/-CONTA$/);
    expect(call.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(call.body).toContain('name="media"; filename="a.png"');
    expect(call.body).toContain('PNGDATA123');
  });
});

describe('MediaClient.uploadAttachment', () => {
  const fake = useFakeWecom();

  it('uploads a moments attachment with media_type and attachment_type=1', async () => {
    const client = new MediaClient(makeTransport(fake).transport);
    fake.api = () => ({
      json: { errcode: 0, errmsg: 'ok', type: 'image', media_id: 'A1', created_at: '2' },
    });
    const res = await client.uploadAttachment(CORP.corpId, 'image', 1, {
      data: Buffer.from('JPEGDATA'),
      filename: 'm.jpg',
    });
    expect(res.media_id).toBe('A1');
    const [call] = fake.calls('media/upload_attachment');
    expect(call.query).toMatchObject({ media_type: 'image', attachment_type: '1' });
    expect(call.body).toContain('name="media"; filename="m.jpg"');
  });
});
