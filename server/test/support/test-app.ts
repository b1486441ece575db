import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/bootstrap';
import { resetEnvCache } from '../../src/config/configuration';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { resetDatabase } from './reset-database';

/**
 * The real API (and optionally the worker) in this process, on the test run's database, emptied
 * first (`resetDatabase: false` keeps what earlier suites wrote).
 */
export async function createTestApp(
  options: { withWorker?: boolean; resetDatabase?: boolean } = {},
): Promise<INestApplication> {
  // each app gets its own Bull prefix: jobs left in Redis by an earlier suite (whose database
  // rows are gone) must not be mistaken for this suite's jobs with the same ids
  process.env.BULL_PREFIX = `${process.env.BULL_PREFIX!.split(':s:')[0]}:s:${randomBytes(3).toString('hex')}`;
  resetEnvCache();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ withWorker: options.withWorker ?? false })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    bufferLogs: true,
  });
  configureHttpApp(app, false);
  if (options.resetDatabase !== false) await resetDatabase(app.get(DataSource));
  await app.init();
  return app;
}
