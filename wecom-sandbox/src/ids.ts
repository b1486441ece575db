import { randomBytes } from 'node:crypto';
import { Prng } from './prng';

export const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random url-safe string from the OS RNG (ids created at run time). */
export function randomId(length: number, alphabet = URL_SAFE): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/**
 * Id generator: deterministic while seeding (PRNG given), random afterwards.
 * Shapes follow WeCom's: external_userid `wm…`/`wo…`, chat_id `wr…`, tag ids `et…`,
 * msgid `msg…`, config_id 32 hex chars.
 */
export class IdFactory {
  private readonly used = new Set<string>();

  constructor(private prng?: Prng) {}

  /** Switch to OS randomness once the seed is built. */
  detach(): void {
    this.prng = undefined;
  }

  private raw(length: number, alphabet: string): string {
    return this.prng ? this.prng.string(length, alphabet) : randomId(length, alphabet);
  }

  unique(prefix: string, length: number, alphabet = URL_SAFE): string {
    for (;;) {
      const id = prefix + this.raw(length, alphabet);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  externalUserId(corpUser = false): string {
    const len = this.prng ? this.prng.int(22, 30) : 26;
    return this.unique(corpUser ? 'wo' : 'wm', len);
  }

  chatId(): string {
    return this.unique('wr', 30);
  }

  tagId(): string {
    return this.unique('et', 30);
  }

  configId(): string {
    return this.unique('', 32, '0123456789abcdef');
  }

  msgId(): string {
    return this.unique('msg', 26, ALNUM);
  }

  momentId(): string {
    return this.unique('mom', 26, ALNUM);
  }

  jobId(): string {
    return this.unique('job', 26, ALNUM);
  }

  mediaId(): string {
    return this.unique('3', 60, URL_SAFE.slice(0, 62));
  }
}
