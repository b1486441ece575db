import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import getRawBody from 'raw-body';
import { writeError } from '../common/filters/global-exception.filter';
import { requestIdFrom } from '../common/logging/logging.module';
import { CallbackIngestService } from './callback-ingest.service';
import { CallbackException } from './callback.exception';

/** WeCom's callback bodies are small XML documents; anything bigger is refused with 413. */
export const CALLBACK_BODY_LIMIT = '64kb';
export const CALLBACK_PATH_PREFIX = '/wecom/callback/';

type Query = Record<string, string | string[]>;

/** A logger that says nothing (for answers the ingest has logged already). */
const quiet = { error: () => undefined } as unknown as Logger;

/**
 * The URL configured in WeCom's admin console: `PUBLIC_BASE_URL/wecom/callback/<CorpID>`.
 *
 * Served by the HTTP server itself, ahead of Express and Nest's pipeline (routing, CLS, request
 * logging, guards, pipes): this is the hottest route, WeCom needs its answer within 5 s at tens of
 * thousands of callbacks a minute, and the route needs none of that pipeline (it is public, its
 * input is checked by the signature). Express's router alone took about 40 % of the API's
 * throughput on this route (docs/benchmarks.md). Every other request goes to Express unchanged.
 *
 * GET answers the URL verification with the decrypted echostr; POST stores the event and
 * answers 200 with an empty body (WeCom: "直接返回200（即以空串为返回包）").
 */
export function mountCallbackRoutes(app: NestExpressApplication): void {
  const handle = callbackRequestHandler(
    app.get(CallbackIngestService),
    new Logger('CallbackRoutes'),
  );
  const server: Server = app.getHttpServer();
  const others = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (handle(req, res)) return;
    for (const listener of others) listener.call(server, req, res);
  });
}

/**
 * Serves `GET|POST /wecom/callback/<corpId>`; returns false (and touches nothing) for any other
 * request, which then goes to Express.
 */
export function callbackRequestHandler(
  ingest: CallbackIngestService,
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url ?? '';
    if ((req.method !== 'GET' && req.method !== 'POST') || !url.startsWith(CALLBACK_PATH_PREFIX))
      return false;
    const q = url.indexOf('?');
    const corpId = decodeSegment(url.slice(CALLBACK_PATH_PREFIX.length, q === -1 ? undefined : q));
    if (!corpId) return false;
    const query = parseQuery(q === -1 ? '' : url.slice(q + 1));
    const fail = (err: unknown) => {
      if (res.headersSent) return;
      // a refusal (4xx) or a "retry later" (503) was logged by the ingest, once per reason and
      // second; only an unexpected error is logged here
      const log = err instanceof CallbackException ? quiet : logger;
      writeError(res, err, requestIdFrom(req), log, req.method, CALLBACK_PATH_PREFIX);
    };
    if (req.method === 'GET') {
      ingest
        .verifyUrl(corpId, query as Record<string, string>)
        .then((plain) => reply(res, plain), fail);
      return true;
    }
    getRawBody(req, {
      length: req.headers['content-length'],
      limit: CALLBACK_BODY_LIMIT,
      encoding: 'utf8',
    })
      .then((body) => ingest.receive(corpId, query as Record<string, string>, body))
      .then(() => reply(res, ''), fail);
    return true;
  };
}

function reply(res: ServerResponse, text: string): void {
  res.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * The corp id segment, decoded (one trailing slash allowed, as Express allowed it); null when it
 * is empty, nested or not valid percent-encoding.
 */
function decodeSegment(path: string): string | null {
  const raw = path.endsWith('/') ? path.slice(0, -1) : path;
  if (!raw || raw.includes('/')) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Query parameters; a repeated one becomes an array (which the ingest refuses as malformed). */
function parseQuery(search: string): Query {
  const out: Query = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}
