import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { text, type Request, type Response } from 'express';
import { sendError } from '../common/filters/global-exception.filter';
import { requestIdFrom } from '../common/logging/logging.module';
import { CallbackIngestService } from './callback-ingest.service';

/** WeCom's callback bodies are small XML documents; anything bigger is refused with 413. */
export const CALLBACK_BODY_LIMIT = '64kb';
export const CALLBACK_PATH = '/wecom/callback/:corpId';

/**
 * The URL configured in WeCom's admin console: `PUBLIC_BASE_URL/wecom/callback/<CorpID>`.
 *
 * Mounted on Express ahead of Nest's pipeline (CLS, request logging, guards, pipes): this is
 * the hottest route, WeCom needs its answer within 5 s at tens of thousands of callbacks a
 * minute, and the route needs none of that pipeline (it is public, its input is checked by the
 * signature). docs/benchmarks.md has the figures that led here. Still thin: one service call.
 *
 * GET answers the URL verification with the decrypted echostr; POST stores the event and
 * answers 200 with an empty body (WeCom: "直接返回200（即以空串为返回包）").
 */
export function mountCallbackRoutes(app: NestExpressApplication): void {
  const ingest = app.get(CallbackIngestService);
  const logger = new Logger('CallbackRoutes');
  const express = app.getHttpAdapter().getInstance();
  const body = text({ type: () => true, limit: CALLBACK_BODY_LIMIT });
  const query = (req: Request) => req.query as Record<string, string>;
  const fail = (req: Request, res: Response) => (err: unknown) => {
    if (!res.headersSent) sendError(res, err, requestIdFrom(req), logger, req);
  };

  express.get(CALLBACK_PATH, (req: Request, res: Response) => {
    ingest
      .verifyUrl(String(req.params.corpId), query(req))
      .then((plain) => res.status(200).type('text/plain').send(plain), fail(req, res));
  });

  express.post(CALLBACK_PATH, (req: Request, res: Response) => {
    body(req, res, (parseError?: unknown) => {
      if (parseError) return fail(req, res)(parseError);
      ingest
        .receive(String(req.params.corpId), query(req), req.body)
        .then(() => res.status(200).type('text/plain').send(''), fail(req, res));
    });
  });
}
