import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The environment of a test run. Connection settings come from scripts/services.sh
 * (DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, REDIS_HOST, REDIS_PORT); the rest is generated
 * per run so no test depends on a developer's .env.
 */
export function ensureTestEnv(): void {
  for (const key of ['DB_HOST', 'DB_USER', 'REDIS_HOST']) {
    if (!process.env[key]) {
      throw new Error(
        `${key} is not set: run the tests through \`npm test\` (it starts MariaDB and Redis)`,
      );
    }
  }
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'warn';
  process.env.JWT_SECRET ??= randomBytes(36).toString('base64');
  process.env.SECRETS_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
  process.env.ADMIN_INITIAL_USERNAME ??= 'admin';
  process.env.ADMIN_INITIAL_PASSWORD ??= `admin-${randomBytes(6).toString('hex')}`;
  process.env.JOB_BACKOFF_MS ??= '200';
  process.env.JOB_ATTEMPTS ??= '3';
  process.env.SWAGGER_ENABLED ??= 'false';
  // suites start their own syncs; the corp-created sync is covered by its own test
  process.env.SYNC_ON_CORP_CREATE ??= 'false';
  process.env.MEDIA_STORAGE_DIR ??= join(tmpdir(), `scrm-media-${randomBytes(4).toString('hex')}`);
}
