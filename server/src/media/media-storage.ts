import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { AllConfig } from '../config/configuration';

/**
 * Where the bytes of media assets live: files under MEDIA_STORAGE_DIR, named by their SHA-256
 * (content-addressed: an upload of the same bytes twice is stored once). Every process that
 * sends (API and workers) reads the same directory: a shared volume when they run on several
 * hosts.
 */
@Injectable()
export class MediaStorage {
  private readonly root: string;

  constructor(config: ConfigService<AllConfig, true>) {
    this.root = resolve(config.get('media', { infer: true }).storageDir);
  }

  static keyOf(corpId: string, data: Buffer): { key: string; sha256: string } {
    const sha256 = createHash('sha256').update(data).digest('hex');
    return { key: `${corpId}/${sha256.slice(0, 2)}/${sha256}`, sha256 };
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, path); // atomic: a reader never sees half a file
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  private path(key: string): string {
    if (!/^[A-Za-z0-9_-]+\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key))
      throw new Error(`invalid media storage key ${key}`);
    return join(this.root, key);
  }
}
