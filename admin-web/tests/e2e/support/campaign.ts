import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { demoCorp, waitFor, type RealStack } from './stack';

/**
 * Helpers of the campaign browser tests (broadcasts, moments): a real PNG to upload, the
 * sandbox's own WeCom API (to compare what the console shows with what WeCom says), the API
 * for setting up what the test does not test, and China-time formatting (the console's zone).
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A `size`×`size` PNG in one colour with a white diagonal (so screenshots show it). */
export function png(size: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++) rows.push(...(x === y ? [255, 255, 255] : rgb));
  }
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function json<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** `POST`/`PUT` the API as a signed-in user (setup the test does not test). */
export async function apiSend<T>(
  stack: RealStack,
  method: 'POST' | 'PUT',
  path: string,
  token: string,
  body: unknown,
): Promise<T> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return json<T>(response, `${method} ${path}`);
}

/** The sandbox's WeCom API with the 客户联系 secret: what WeCom itself answers (POST a body,
 * or GET with `query`). */
export async function wecom<T extends { errcode: number }>(
  stack: RealStack,
  path: string,
  body: unknown,
  query: Record<string, string> = {},
): Promise<T> {
  const corp = demoCorp(repoRoot);
  const { access_token: token } = await json<{ access_token: string }>(
    await fetch(
      `${stack.sandboxUrl}/cgi-bin/gettoken?corpid=${corp.corpId}&corpsecret=${corp.contactSecret}`,
    ),
    'gettoken',
  );
  const search = new URLSearchParams({ access_token: token, ...query });
  return json<T>(
    await fetch(
      `${stack.sandboxUrl}/cgi-bin/${path}?${search}`,
      body === undefined
        ? {}
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
    ),
    path,
  );
}

/** The sandbox's control page data (users, groups, recent mass messages). */
export async function sandboxOverview<T>(stack: RealStack): Promise<T> {
  return json<T>(await fetch(`${stack.sandboxUrl}/sandbox/data/overview`), 'overview');
}

/** Polls `probe` until it returns something other than null (the stack's own waiter). */
export const until = waitFor;

const CHINA = 'Asia/Shanghai';
const parts = (d: Date) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: CHINA,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;

/** The China-time day of `d` (YYYY-MM-DD), as the console and WeCom count days. */
export function chinaDay(d: Date): string {
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** What an operator types into a date-time picker, in China time (YYYY-MM-DD HH:mm:ss). */
export function chinaDateTime(d: Date): string {
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The browser context of these tests: a Chinese operator in China time. */
export const CHINA_CONTEXT = {
  viewport: { width: 1440, height: 900 },
  timezoneId: CHINA,
  locale: 'zh-CN',
} as const;
