import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
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

/** Grayscale PNG from a boolean module matrix (true = dark). */
export function encodePng(modules: boolean[][], scale = 8, margin = 4): Buffer {
  const n = modules.length;
  const size = (n + margin * 2) * scale;
  const raw = Buffer.alloc((size + 1) * size, 255);
  for (let y = 0; y < size; y++) {
    raw[y * (size + 1)] = 0; // filter: none
    const my = Math.floor(y / scale) - margin;
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / scale) - margin;
      if (my >= 0 && my < n && mx >= 0 && mx < n && modules[my][mx])
        raw[y * (size + 1) + 1 + x] = 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A QR-looking picture for a 「联系我」 code: finder patterns plus modules derived from the
 * config_id. It is a stand-in image (not a scannable QR code); customers "scan" through the
 * control API or the /sandbox page.
 */
export function qrLikePng(text: string): Buffer {
  const n = 29;
  const m: boolean[][] = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  let bits = Buffer.alloc(0);
  for (let i = 0; bits.length < (n * n) / 8 + 1; i++) {
    bits = Buffer.concat([bits, createHash('sha256').update(`${text}:${i}`).digest()]);
  }
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const i = y * n + x;
      m[y][x] = ((bits[i >> 3] >> (i & 7)) & 1) === 1;
    }
  const finder = (ox: number, oy: number) => {
    for (let y = -1; y <= 7; y++)
      for (let x = -1; x <= 7; x++) {
        const yy = oy + y;
        const xx = ox + x;
        if (yy < 0 || yy >= n || xx < 0 || xx >= n) continue;
        const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
        m[yy][xx] = ring !== 2 && ring !== 4;
      }
  };
  finder(0, 0);
  finder(n - 7, 0);
  finder(0, n - 7);
  return encodePng(m);
}
