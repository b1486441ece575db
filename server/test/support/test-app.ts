import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/bootstrap';
import { resetEnvCache } from '../../src/config/configuration';

/** The real API (and optionally the worker) in this process, on the test run's database. */
export async function createTestApp(
  options: { withWorker?: boolean } = {},
): Promise<INestApplication> {
  resetEnvCache();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ withWorker: options.withWorker ?? false })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    bufferLogs: true,
  });
  configureHttpApp(app, false);
  await app.init();
  return app;
}
