// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const appRoot = resolve(__dirname, '../../..');
const serverBuilt = existsSync(resolve(appRoot, '../server/dist/server/src/app.module.js'));

describe('API types generated from the OpenAPI document', () => {
  // npm test builds the server before the component tests; without the build there is no document
  it.skipIf(!serverBuilt)(
    "src/api/schema.d.ts is what the server's OpenAPI document gives today",
    () => {
      const run = spawnSync(
        process.execPath,
        [resolve(appRoot, 'scripts/openapi-types.mjs'), '--check'],
        {
          encoding: 'utf8',
          env: { ...process.env, NODE_OPTIONS: '' },
        },
      );
      expect(run.stderr + run.stdout).toContain('up to date');
      expect(run.status).toBe(0);
    },
    60_000,
  );
});
