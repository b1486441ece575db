import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { mountCallbackRoutes } from './callbacks/callback.routes';
import { createValidationPipe } from './common/validation/validation-exception.factory';
import { loadEnv } from './config/configuration';

/** Loads `.env` (or ENV_FILE) from the working directory into process.env, if present. */
export function loadDotEnv(): void {
  const file = resolve(process.env.ENV_FILE ?? '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

export const REQUEST_BODY_LIMIT = '1mb';

/** Every route is under /api except these (load balancers and WeCom call them as they are). */
export const API_PREFIX = 'api';
export const API_PREFIX_EXCLUDE = ['health', 'health/ready', 'wecom/{*path}'];

/** Applies what every HTTP app needs: prefix, validation, body limits, docs, logger. */
export function configureHttpApp(app: NestExpressApplication, swagger: boolean): void {
  app.useLogger(app.get(Logger));
  mountCallbackRoutes(app); // ahead of Nest's pipeline: see callback.routes.ts
  app.setGlobalPrefix(API_PREFIX, { exclude: API_PREFIX_EXCLUDE });
  app.useGlobalPipes(createValidationPipe());
  app.useBodyParser('json', { limit: REQUEST_BODY_LIMIT });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  if (swagger) {
    const doc = new DocumentBuilder()
      .setTitle('WeCom SCRM API')
      .setDescription('Admin console, sidebar and WeCom callback endpoints')
      .addBearerAuth()
      .build();
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));
  }
}

export async function createHttpApp(withWorker: boolean): Promise<INestApplication> {
  const env = loadEnv();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ withWorker }), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureHttpApp(app, env.SWAGGER_ENABLED);
  return app;
}

export async function createWorkerContext(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.register({ withWorker: true }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}

/** A bad environment stops the process with one line per variable at fault, nothing else. */
export function exitOnBootError(err: Error): never {
  const message = err.message.startsWith('Invalid environment variables')
    ? err.message
    : `boot failed: ${err.stack ?? err.message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
