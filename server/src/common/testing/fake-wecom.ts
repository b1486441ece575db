import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { LoggerService } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../../config/configuration';
import type { CorpCredentials } from '../../corps/corp.service';
import type { AccessTokenStore, FetchedCredential } from '../../wecom/access-token.store';
import type { WecomRateLimiter } from '../../wecom/rate-limiter';
import { MemoryRecentReadStore, RecentReads } from '../../wecom/recent-reads';
import { WecomTransport } from '../../wecom/transport/wecom-transport';
import { WecomApiException } from '../../wecom/wecom-api.exception';
import { resolveWecomOptions } from '../../wecom/wecom.options';

/** Unit-test support for the WeCom transport and area clients: a scripted fake WeCom over HTTP. */

export interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
  contentType?: string;
}

export type Reply = { status?: number; json?: unknown; delayMs?: number; raw?: string };
export type Handler = (req: Seen, n: number) => Reply;

export const CORP: CorpCredentials = {
  corpId: 'wwunit',
  agentId: 1000002,
  agentSecret: 'AGENT-SECRET-xyz',
  contactSecret: 'CONTACT-SECRET-xyz',
  addressBookSecret: null,
  callbackToken: 'tok',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

/** A scripted fake WeCom: gettoken answers by secret; `api` answers every other path. */
export class FakeWecom {
  server!: Server;
  url = '';
  seen: Seen[] = [];
  api: Handler = () => ({ json: { errcode: 0, errmsg: 'ok' } });
  tokenCounter = 0;
  gettoken?: Handler;

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  calls(path: string): Seen[] {
    return this.seen.filter((s) => s.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const u = new URL(req.url ?? '/', 'http://x');
    const seen: Seen = {
      method: req.method ?? 'GET',
      path: u.pathname.replace(/^\/cgi-bin\//, ''),
      query: Object.fromEntries(u.searchParams),
      body: Buffer.concat(chunks).toString('utf8'),
      contentType: req.headers['content-type'],
    };
    this.seen.push(seen);
    let reply: Reply;
    if (seen.path === 'gettoken' && this.gettoken) {
      reply = this.gettoken(seen, this.calls('gettoken').length);
    } else if (seen.path === 'gettoken') {
      this.tokenCounter++;
      reply = {
        json: {
          errcode: 0,
          errmsg: 'ok',
          access_token: `T${this.tokenCounter}-${seen.query.corpsecret?.slice(0, 5)}`,
          expires_in: 7200,
        },
      };
    } else {
      reply = this.api(seen, this.calls(seen.path).length);
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
    res.end(reply.raw ?? JSON.stringify(reply.json ?? { errcode: 0, errmsg: 'ok' }));
  }
}

/** The transport with its Redis-free parts: an in-memory token cache, a limiter that never waits. */
export function makeTransport(
  fake: FakeWecom,
  retry = { attempts: 3, baseDelayMs: 5 },
  timeoutMs = 300,
) {
  const cache = new Map<string, string>();
  const tokens = {
    tokenKey: (c: string, s: string) => `token:${c}:${s}`,
    ticketKey: (c: string, k: string) => `ticket:${c}:${k}`,
    get: async (key: string, fetch: () => Promise<FetchedCredential>) => {
      const hit = cache.get(key);
      if (hit) return hit;
      const { value } = await fetch();
      cache.set(key, value);
      return value;
    },
    invalidate: async (key: string, stale: string) => {
      if (cache.get(key) === stale) cache.delete(key);
    },
    forget: async (key: string) => void cache.delete(key),
  };
  const limiter = { acquire: jest.fn(async () => 0) };
  const config = {
    get: () => ({
      baseUrl: fake.url,
      oauthBaseUrl: 'https://open.weixin.qq.com',
      httpTimeoutMs: timeoutMs,
    }),
  } as unknown as ConfigService<AllConfig, true>;
  const transport = new WecomTransport(
    config,
    tokens as unknown as AccessTokenStore,
    limiter as unknown as WecomRateLimiter,
    new RecentReads(new MemoryRecentReadStore(), { ttlMs: 30_000, skewMs: 0, keyPrefix: 'read:' }),
    { credentials: async () => CORP },
    resolveWecomOptions({ retry }),
  );
  return { transport, cache, limiter };
}

/** The WecomApiException a call rejects with (fails the test if it resolves or throws another). */
export async function caught(p: Promise<unknown>): Promise<WecomApiException> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WecomApiException);
    return err as WecomApiException;
  }
  throw new Error('expected a WecomApiException');
}

/** A logger keeping every line, to check that no token or secret ever reaches a log. */
export function captureLogs(): { lines: string[]; logger: LoggerService } {
  const lines: string[] = [];
  const keep = (m: unknown) => void lines.push(String(m));
  return { lines, logger: { log: keep, warn: keep, error: keep, debug: keep, verbose: keep } };
}

/** A fake WeCom started before and stopped after the suite, reset before each test. */
export function useFakeWecom(): FakeWecom {
  const fake = new FakeWecom();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.seen = [];
    fake.api = () => ({ json: { errcode: 0, errmsg: 'ok' } });
  });
  return fake;
}
