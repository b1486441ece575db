/**
 * WeCom's limits on temporary media (DW 96484, 96347), checked before anything is uploaded:
 * image ≤ 10 MB (JPG/PNG), voice ≤ 2 MB (AMR), video ≤ 10 MB (MP4), file ≤ 20 MB; every file
 * more than 5 bytes. The type is read from the bytes (magic numbers), not trusted from the name.
 */
export type MediaKind = 'image' | 'voice' | 'video' | 'file';

export const MEDIA_KINDS: readonly MediaKind[] = ['image', 'voice', 'video', 'file'];

const MB = 1024 * 1024;

export const MEDIA_MAX_BYTES: Readonly<Record<MediaKind, number>> = {
  image: 10 * MB,
  voice: 2 * MB,
  video: 10 * MB,
  file: 20 * MB,
};

export const MEDIA_MIN_BYTES = 6;

/** What the bytes are, for the kinds whose type WeCom restricts; null when not recognised. */
export function sniffType(data: Buffer): 'jpg' | 'png' | 'amr' | 'mp4' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')))
    return 'png';
  if (data.length >= 6 && data.subarray(0, 6).toString('latin1') === '#!AMR\n') return 'amr';
  if (data.length >= 12 && data.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
  return null;
}

const CONTENT_TYPES = { jpg: 'image/jpeg', png: 'image/png', amr: 'audio/amr', mp4: 'video/mp4' };

const ALLOWED: Readonly<Record<Exclude<MediaKind, 'file'>, string[]>> = {
  image: ['jpg', 'png'],
  voice: ['amr'],
  video: ['mp4'],
};

const KIND_NAMES: Readonly<Record<MediaKind, string>> = {
  image: '图片 (JPG/PNG)',
  voice: '语音 (AMR)',
  video: '视频 (MP4)',
  file: '文件',
};

/** The problem with a file for `kind`, as a sentence, or null when WeCom will take it. */
export function checkMedia(
  kind: MediaKind,
  data: Buffer,
): { error: string } | { contentType: string } {
  if (data.length < MEDIA_MIN_BYTES) return { error: '文件为空或过小（企业微信要求大于 5 字节）' };
  const max = MEDIA_MAX_BYTES[kind];
  if (data.length > max)
    return { error: `${KIND_NAMES[kind]}不能超过 ${max / MB} MB（企业微信的限制）` };
  if (kind === 'file') return { contentType: 'application/octet-stream' };
  const sniffed = sniffType(data);
  if (!sniffed || !ALLOWED[kind].includes(sniffed))
    return { error: `文件内容不是${KIND_NAMES[kind]}` };
  return { contentType: CONTENT_TYPES[sniffed] };
}

/** media_id lasts 3 days (DW 96484); re-uploaded before, with this margin for a send in flight. */
export const MEDIA_ID_TTL_MS = 3 * 24 * 3600 * 1000;
export const MEDIA_ID_MARGIN_MS = 6 * 3600 * 1000;

/** Whether a media_id uploaded at `uploadedAt` can still be used at `now`. */
export function mediaIdFresh(uploadedAt: Date | null, now: number): boolean {
  return !!uploadedAt && now - uploadedAt.getTime() < MEDIA_ID_TTL_MS - MEDIA_ID_MARGIN_MS;
}
