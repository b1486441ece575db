import { checkMedia, MEDIA_ID_MARGIN_MS, MEDIA_ID_TTL_MS, mediaIdFresh } from './media-limits';

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100)]);
const jpg = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(100)]);
const mp4 = Buffer.concat([
  Buffer.from('00000018', 'hex'),
  Buffer.from('ftypmp42'),
  Buffer.alloc(50),
]);

describe('WeCom media limits', () => {
  it('takes JPG and PNG images and names the type of what it refuses', () => {
    expect(checkMedia('image', png)).toEqual({ contentType: 'image/png' });
    expect(checkMedia('image', jpg)).toEqual({ contentType: 'image/jpeg' });
    expect(checkMedia('image', Buffer.from('GIF89a-not-allowed'))).toEqual({
      error: '文件内容不是图片 (JPG/PNG)',
    });
    expect(checkMedia('video', png)).toEqual({ error: '文件内容不是视频 (MP4)' });
    expect(checkMedia('video', mp4)).toEqual({ contentType: 'video/mp4' });
  });

  it('refuses files over the kind’s limit and files of 5 bytes or less', () => {
    const big = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]);
    expect(checkMedia('image', big)).toEqual({
      error: '图片 (JPG/PNG)不能超过 10 MB（企业微信的限制）',
    });
    expect(checkMedia('file', big)).toEqual({ contentType: 'application/octet-stream' });
    expect(checkMedia('file', Buffer.alloc(20 * 1024 * 1024 + 1))).toMatchObject({
      error: expect.stringContaining('20 MB'),
    });
    expect(
      checkMedia('voice', Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(2 * 1024 * 1024)])),
    ).toMatchObject({
      error: expect.stringContaining('2 MB'),
    });
    expect(checkMedia('file', Buffer.from('12345'))).toMatchObject({ error: expect.any(String) });
  });

  it('counts a media_id as fresh until 3 days minus the margin', () => {
    const now = Date.now();
    expect(mediaIdFresh(null, now)).toBe(false);
    expect(mediaIdFresh(new Date(now - 60_000), now)).toBe(true);
    const edge = MEDIA_ID_TTL_MS - MEDIA_ID_MARGIN_MS;
    expect(mediaIdFresh(new Date(now - edge + 1000), now)).toBe(true);
    expect(mediaIdFresh(new Date(now - edge), now)).toBe(false);
  });
});
