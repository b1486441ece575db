import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { ClsServiceManager } from 'nestjs-cls';
import { AppException } from '../app.exception';

export interface ErrorBody {
  code: string;
  message: string;
  errors?: Record<string, string[]>;
  requestId: string;
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** body-parser errors reach us as plain errors carrying a `type` and a `status`. */
function bodyParserError(err: unknown): { status: number; message: string } | undefined {
  const e = err as { type?: string; status?: number };
  if (!e || typeof e.type !== 'string' || typeof e.status !== 'number') return undefined;
  if (e.type === 'entity.too.large') return { status: 413, message: 'Request body is too large' };
  if (e.type === 'entity.parse.failed')
    return { status: 400, message: 'Request body is not valid JSON' };
  if (e.status >= 400 && e.status < 500)
    return { status: e.status, message: 'Malformed request body' };
  return undefined;
}

/** mysql2's query timeout and the pool's acquire deadline: the database did not answer in time. */
const DATABASE_BUSY_CODES = new Set(['PROTOCOL_SEQUENCE_TIMEOUT', 'POOL_ACQUIRE_TIMEOUT']);

function isDatabaseBusy(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  if (!e || typeof e !== 'object') return false;
  return DATABASE_BUSY_CODES.has(String(e.code ?? e.driverError?.code ?? ''));
}

export function toErrorResponse(
  exception: unknown,
  requestId: string,
): { status: number; body: ErrorBody } {
  if (exception instanceof AppException) {
    return {
      status: exception.status,
      body: {
        code: exception.code,
        message: exception.message,
        errors: exception.errors,
        requestId,
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray((response as { message?: unknown }).message)
          ? (response as { message: string[] }).message.join('; ')
          : String((response as { message?: unknown }).message ?? exception.message);
    return {
      status,
      body: { code: STATUS_CODES[status] ?? `HTTP_${status}`, message, requestId },
    };
  }
  const parsed = bodyParserError(exception);
  if (parsed) {
    return {
      status: parsed.status,
      body: {
        code: STATUS_CODES[parsed.status] ?? 'BAD_REQUEST',
        message: parsed.message,
        requestId,
      },
    };
  }
  if (isDatabaseBusy(exception)) {
    // a query past DB_QUERY_TIMEOUT_MS (e.g. counting a very broad audience on a busy database):
    // nothing was changed by it, and the caller may retry or narrow the question
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: {
        code: 'DATABASE_BUSY',
        message: 'The database did not answer in time: retry shortly, or narrow the filter',
        requestId,
      },
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { code: 'INTERNAL_ERROR', message: 'Internal server error', requestId },
  };
}

/**
 * Writes the error answer on a plain node:http response; a 5xx is logged with the method and
 * route, never the request body.
 */
export function writeError(
  res: ServerResponse,
  exception: unknown,
  requestId: string,
  logger: Logger,
  method: string | undefined,
  path: string,
): void {
  const { status, body } = toErrorResponse(exception, requestId);
  if (status >= 500) logger.error({ err: exception, method, path }, 'unhandled error');
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'x-request-id': requestId,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

/**
 * Maps every error to `{ code, message, errors?, requestId }`. Anything unexpected becomes a
 * logged 500 with a generic message: internals never leak to the client.
 */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(GlobalExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const requestId = String(ClsServiceManager.getClsService()?.getId() ?? req.id ?? '');
    writeError(res, exception, requestId, this.logger, req.method, req.route?.path ?? req.path);
  }
}
