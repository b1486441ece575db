#!/usr/bin/env node
// Generates src/api/schema.d.ts from the server's OpenAPI document, built from the compiled
// server (server/dist) without a database, Redis or WeCom: Nest's preview mode registers the
// controllers and their DTO metadata without running any provider.
//
//   npm run api:types -w admin-web            # regenerate (after `npm run build -w server`)
//   node admin-web/scripts/openapi-types.mjs --check   # exit 1 when the file is stale
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const target = resolve(here, '../src/api/schema.d.ts');
const serverDist = resolve(repo, 'server/dist/server/src');
const check = process.argv.includes('--check');

if (!existsSync(resolve(serverDist, 'app.module.js'))) {
  console.error('server/dist is missing: run `npm run build -w server` first');
  process.exit(2);
}

// the environment the server's config validation asks for; nothing connects in preview mode
Object.assign(process.env, {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  ENV_FILE: '/nonexistent',
  JWT_SECRET: process.env.JWT_SECRET ?? 'x'.repeat(48),
  SECRETS_ENCRYPTION_KEY:
    process.env.SECRETS_ENCRYPTION_KEY ?? Buffer.alloc(32, 1).toString('base64'),
  DB_HOST: process.env.DB_HOST ?? '127.0.0.1',
  DB_USER: process.env.DB_USER ?? 'scrm',
  DB_NAME: process.env.DB_NAME ?? 'scrm',
  REDIS_HOST: process.env.REDIS_HOST ?? '127.0.0.1',
});

const require = createRequire(resolve(repo, 'server/package.json'));
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { DocumentBuilder, SwaggerModule } = require('@nestjs/swagger');
const { AppModule } = require(resolve(serverDist, 'app.module.js'));

const app = await NestFactory.create(AppModule.register({ withWorker: false }), {
  preview: true,
  logger: false,
  abortOnError: false,
});
app.setGlobalPrefix('api', { exclude: ['health', 'health/ready', 'wecom/{*path}'] });
const config = new DocumentBuilder()
  .setTitle('WeCom SCRM API')
  .setDescription('Admin console, sidebar and WeCom callback endpoints')
  .addBearerAuth()
  .build();
const document = SwaggerModule.createDocument(app, config);

const { default: openapiTS, astToString } = await import('openapi-typescript');
const body = astToString(await openapiTS(document, { alphabetize: true }));
const prettier = await import('prettier');
const generated = await prettier.format(
  "// Generated from the server's OpenAPI document by admin-web/scripts/openapi-types.mjs.\n" +
    '// Do not edit: run `npm run api:types -w admin-web` (a component test fails when stale).\n\n' +
    body,
  { ...(await prettier.resolveConfig(target)), filepath: target },
);

if (check) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== generated) {
    console.error('src/api/schema.d.ts is stale: run `npm run api:types -w admin-web`');
    process.exit(1);
  }
  console.log('src/api/schema.d.ts is up to date');
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${target} (${Object.keys(document.paths).length} paths)`);
}
process.exit(0);
