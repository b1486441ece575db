import { randomUUID } from 'node:crypto';
import { Module, RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ClsModule, ClsService } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AllConfig } from '../../config/configuration';
import { REDACTED_PATHS } from './redaction';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A request id from a trusted-looking `x-request-id` header, or a new one. */
export function requestIdFrom(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * Structured JSON logs (pino) with the CLS request/job id on every line, and nestjs-cls
 * holding that id for the duration of each request.
 */
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      middleware: {
        mount: true,
        generateId: true,
        idGenerator: (req: IncomingMessage & { id?: string }) => req.id ?? requestIdFrom(req),
      },
    }),
    LoggerModule.forRootAsync({
      inject: [ConfigService, ClsService],
      useFactory: (config: ConfigService<AllConfig, true>, cls: ClsService) => ({
        // every route, in path-to-regexp 8's syntax (nestjs-pino's default '*' is converted with
        // a warning at each boot)
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.get('app.logLevel', { infer: true }),
          genReqId: (req: IncomingMessage) => cls.getId() ?? requestIdFrom(req),
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          mixin: () => {
            const id = cls.isActive() ? cls.getId() : undefined;
            return id ? { requestId: id } : {};
          },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              // query strings may carry tokens (WeCom signatures): log the path only
              url: req.url?.split('?')[0],
            }),
          },
          autoLogging: {
            ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/health/ready',
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
