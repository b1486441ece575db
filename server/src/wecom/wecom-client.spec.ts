import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger, LoggerService } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../config/configuration';
import type { CorpCredentials } from '../corps/corp.service';
import type { AccessTokenStore, FetchedCredential } from './access-token.store';
import { cacheTtlSeconds } from './access-token.store';
import type { WecomRateLimiter } from './rate-limiter';
import { MemoryRecentReadStore, RecentReads } from './recent-reads';
import { WecomApiException, WecomErrorCode } from './wecom-api.exception';
import { networkReason, pickSecret, WecomClient } from './wecom-client';
import { resolveWecomOptions } from './wecom.options';

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
  contentType?: string;
}

type Reply = { status?: number; json?: unknown; delayMs?: number; raw?: string };
type Handler = (req: Seen, n: number) => Reply;

const CORP: CorpCredentials = {
  corpId: 'wwunit',
  agentId: 1000002,
  agentSecret: 'AGENT-SECRET-xyz',
  contactSecret: 'CONTACT-SECRET-xyz',
  addressBookSecret: null,
  callbackToken: 'tok',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

/** A scripted fake WeCom: gettoken answers by secret; `api` answers every other path. */
class FakeWecom {
  server: Server;
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
      body: Buffer.concat(chunks).toString('latin1'),
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

/** The Redis-free parts: an in-memory token cache and a limiter that never waits. */
function makeClient(fake: FakeWecom, retry = { attempts: 3, baseDelayMs: 5 }, timeoutMs = 300) {
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
  const client = new WecomClient(
    config,
    tokens as unknown as AccessTokenStore,
    limiter as unknown as WecomRateLimiter,
    new RecentReads(new MemoryRecentReadStore(), { ttlMs: 30_000, skewMs: 0, keyPrefix: 'read:' }),
    { credentials: async () => CORP },
    resolveWecomOptions({ retry }),
  );
  return { client, cache, limiter };
}

async function caught(p: Promise<unknown>): Promise<WecomApiException> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WecomApiException);
    return err as WecomApiException;
  }
  throw new Error('expected a WecomApiException');
}

function expectNoSecrets(err: WecomApiException, token?: string): void {
  const dump = `${err.message} ${JSON.stringify(err)} ${String(err.stack)}`;
  expect(dump).not.toContain('SECRET');
  expect(dump).not.toContain('access_token=');
  if (token) expect(dump).not.toContain(token);
}

/** Everything the client logs, to check that no token or secret ever reaches a log line. */
const logLines: string[] = [];
const capture: LoggerService = {
  log: (m: unknown) => void logLines.push(String(m)),
  warn: (m: unknown) => void logLines.push(String(m)),
  error: (m: unknown) => void logLines.push(String(m)),
  debug: (m: unknown) => void logLines.push(String(m)),
  verbose: (m: unknown) => void logLines.push(String(m)),
};

describe('WecomClient', () => {
  const fake = new FakeWecom();
  beforeAll(async () => {
    Logger.overrideLogger(capture);
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
    // every access_token the fake handed out, and every secret
    const tokens = fake.seen.map((s) => s.query.access_token).filter(Boolean);
    const all = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(10);
    expect(all).not.toMatch(/SECRET|access_token=|corpsecret/);
    for (const t of tokens) expect(all).not.toContain(t);
    expect(all).toMatch(/GET user\/get corp=wwunit errcode=60111 \d+ms: userid not found/);
  });
  beforeEach(() => {
    fake.seen = [];
    fake.api = () => ({ json: { errcode: 0, errmsg: 'ok' } });
  });

  it('uses the secret of the scope: contact for externalcontact, agent when addressBook is null', async () => {
    const { client } = makeClient(fake);
    fake.api = (req) =>
      req.path === 'externalcontact/get_follow_user_list'
        ? { json: { errcode: 0, errmsg: 'ok', follow_user: ['zhangsan'] } }
        : { json: { errcode: 0, errmsg: 'ok', department: [{ id: 1, parentid: 0 }] } };
    expect(await client.getFollowUserList(CORP.corpId)).toEqual(['zhangsan']);
    expect(await client.listDepartments(CORP.corpId)).toEqual([{ id: 1, parentid: 0 }]);
    const gettoken = fake.calls('gettoken');
    expect(gettoken.map((g) => g.query.corpsecret)).toEqual([
      'CONTACT-SECRET-xyz',
      'AGENT-SECRET-xyz',
    ]);
    expect(gettoken[0].query.corpid).toBe(CORP.corpId);
    const [follow] = fake.calls('externalcontact/get_follow_user_list');
    expect(follow.query.access_token).toMatch(/-CONTA$/);
    const [dept] = fake.calls('department/list');
    expect(dept.query.access_token).toMatch(/-AGENT$/);
    expect(pickSecret({ ...CORP, contactSecret: null }, 'contact')).toEqual({
      scope: 'agent',
      secret: 'AGENT-SECRET-xyz',
    });
  });

  it('maps errcode != 0 to WecomApiException with errcode, errmsg and path, and does not retry it', async () => {
    const { client } = makeClient(fake);
    fake.api = () => ({
      json: {
        errcode: 60111,
        errmsg:
          'userid not found, hint: [1700000000_1_abc], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=60111',
      },
    });
    const err = await caught(client.getUser(CORP.corpId, 'nobody'));
    expect(err.errcode).toBe(60111);
    expect(err.path).toBe('user/get');
    expect(err.code).toBe(WecomErrorCode.ApiError);
    expect(err.errmsg).toContain('userid not found');
    expect(err.message).toBe(
      'WeCom user/get failed: the member does not exist in WeCom (errcode 60111: userid not found)',
    );
    expect(fake.calls('user/get')).toHaveLength(1);
    expectNoSecrets(err, fake.calls('user/get')[0].query.access_token);
  });

  it('retries 45009 with backoff and succeeds when WeCom recovers', async () => {
    const { client } = makeClient(fake);
    fake.api = (_req, n) =>
      n < 3
        ? { json: { errcode: 45009, errmsg: 'api freq out of limit' } }
        : { json: { errcode: 0, errmsg: 'ok', follow_user: [] } };
    expect(await client.getFollowUserList(CORP.corpId)).toEqual([]);
    expect(fake.calls('externalcontact/get_follow_user_list')).toHaveLength(3);
  });

  it.each([-1, 45009, 45033])(
    'surfaces errcode %i after the bounded attempts, with growing delays',
    async (code) => {
      const { client } = makeClient(fake, { attempts: 3, baseDelayMs: 40 });
      fake.api = () => ({ json: { errcode: code, errmsg: 'busy' } });
      const started = Date.now();
      const err = await caught(
        client.markTag(CORP.corpId, { userid: 'u', external_userid: 'wm1', add_tag: ['t'] }),
      );
      expect(err.errcode).toBe(code);
      expect(err.isRetryable).toBe(true);
      expect(fake.calls('externalcontact/mark_tag')).toHaveLength(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(40 + 80);
    },
  );

  it('on 40014/42001 drops the token, fetches a new one and retries once', async () => {
    const { client } = makeClient(fake);
    fake.api = (_req, n) =>
      n === 1
        ? { json: { errcode: 42001, errmsg: 'access_token expired' } }
        : { json: { errcode: 0, errmsg: 'ok', follow_user: ['a'] } };
    expect(await client.getFollowUserList(CORP.corpId)).toEqual(['a']);
    const calls = fake.calls('externalcontact/get_follow_user_list');
    expect(calls).toHaveLength(2);
    expect(calls[0].query.access_token).not.toBe(calls[1].query.access_token);
    expect(fake.calls('gettoken')).toHaveLength(2);

    fake.seen = [];
    fake.api = () => ({ json: { errcode: 40014, errmsg: 'invalid access_token' } });
    const err = await caught(client.getFollowUserList(CORP.corpId));
    expect(err.errcode).toBe(40014);
    expect(err.isTokenError).toBe(true);
    expect(fake.calls('externalcontact/get_follow_user_list')).toHaveLength(2);
    expect(fake.calls('gettoken')).toHaveLength(1);
  });

  it('surfaces a gettoken error (bad secret) without the secret', async () => {
    const { client } = makeClient(fake);
    fake.gettoken = () => ({ json: { errcode: 40001, errmsg: 'invalid credential' } });
    try {
      const err = await caught(client.getFollowUserList(CORP.corpId));
      expect(err.errcode).toBe(40001);
      expect(err.path).toBe('gettoken');
      expect(err.message).toContain('corp secret was rejected');
      expect(fake.calls('gettoken')).toHaveLength(1);
      expect(fake.calls('externalcontact/get_follow_user_list')).toHaveLength(0);
      expectNoSecrets(err);
    } finally {
      fake.gettoken = undefined;
    }
  });

  it('retries a timed-out read, then reports WeCom as unavailable without the URL', async () => {
    const { client } = makeClient(fake, { attempts: 3, baseDelayMs: 5 }, 150);
    fake.api = () => ({ delayMs: 400, json: { errcode: 0, errmsg: 'ok' } });
    const err = await caught(client.getUser(CORP.corpId, 'zhangsan'));
    expect(err.code).toBe(WecomErrorCode.Unavailable);
    expect(err.status).toBe(503);
    expect(err.message).toBe('WeCom user/get could not be reached: timeout');
    expect(fake.calls('user/get')).toHaveLength(3);
    expectNoSecrets(err, fake.calls('user/get')[0].query.access_token);
  });

  it('does not repeat a write after a timeout (it may have been applied)', async () => {
    const { client } = makeClient(fake, { attempts: 3, baseDelayMs: 5 }, 150);
    fake.api = () => ({ delayMs: 400, json: { errcode: 0, errmsg: 'ok', config_id: 'c1' } });
    const err = await caught(
      client.addContactWay(CORP.corpId, { type: 1, scene: 2, user: ['zhangsan'] }),
    );
    expect(err.code).toBe(WecomErrorCode.Unavailable);
    expect(fake.calls('externalcontact/add_contact_way')).toHaveLength(1);
  });

  it('treats an HTTP error or a non-JSON answer as unavailable', async () => {
    const { client } = makeClient(fake, { attempts: 2, baseDelayMs: 5 });
    fake.api = () => ({ status: 502, raw: '<html>bad gateway</html>' });
    const err = await caught(client.getFollowUserList(CORP.corpId));
    expect(err.message).toBe(
      'WeCom externalcontact/get_follow_user_list could not be reached: HTTP 502 without WeCom JSON',
    );
    expect(fake.calls('externalcontact/get_follow_user_list')).toHaveLength(2);
  });

  it('rate-limits every exchange by corp and API path', async () => {
    const { client, limiter } = makeClient(fake);
    await client.getFollowUserList(CORP.corpId);
    expect(limiter.acquire.mock.calls).toEqual([
      [CORP.corpId, 'gettoken'],
      [CORP.corpId, 'externalcontact/get_follow_user_list'],
    ]);
  });

  it('walks batch/get_by_user in chunks of 100 users and to the end of each cursor', async () => {
    const { client } = makeClient(fake);
    const users = Array.from({ length: 250 }, (_, i) => `u${i}`);
    fake.api = (req) => {
      const body = JSON.parse(req.body) as {
        userid_list: string[];
        cursor?: string;
        limit: number;
      };
      const page = Number(body.cursor ?? 0);
      const first = body.userid_list[0];
      return {
        json: {
          errcode: 0,
          errmsg: 'ok',
          external_contact_list: [
            {
              external_contact: { external_userid: `wm-${first}-${page}`, name: 'x', type: 1 },
              follow_info: { userid: first, createtime: 1 },
            },
          ],
          next_cursor: page < 2 ? String(page + 1) : '',
        },
      };
    };
    const got: string[] = [];
    for await (const c of client.iterateCustomersByUsers(CORP.corpId, [...users, 'u0']))
      got.push(c.external_contact.external_userid);
    const calls = fake.calls('externalcontact/batch/get_by_user').map((c) => JSON.parse(c.body));
    expect(calls.map((c) => c.userid_list.length)).toEqual([
      100, 100, 100, 100, 100, 100, 50, 50, 50,
    ]);
    expect(calls.map((c) => c.cursor ?? '')).toEqual(['', '1', '2', '', '1', '2', '', '1', '2']);
    expect(calls[0].limit).toBe(100);
    expect(got).toEqual([
      'wm-u0-0',
      'wm-u0-1',
      'wm-u0-2',
      'wm-u100-0',
      'wm-u100-1',
      'wm-u100-2',
      'wm-u200-0',
      'wm-u200-1',
      'wm-u200-2',
    ]);
  });

  it('joins the follow_user pages of externalcontact/get', async () => {
    const { client } = makeClient(fake);
    fake.api = (req) => ({
      json: {
        errcode: 0,
        errmsg: 'ok',
        external_contact: { external_userid: 'wm1', name: 'A', type: 1 },
        follow_user: [{ userid: `u-${req.query.cursor ?? 'first'}`, createtime: 1 }],
        next_cursor: req.query.cursor ? '' : 'next',
      },
    });
    const res = await client.getExternalContact(CORP.corpId, 'wm1');
    expect(res.follow_user.map((f) => f.userid)).toEqual(['u-first', 'u-next']);
    expect(fake.calls('externalcontact/get').map((c) => c.query.external_userid)).toEqual([
      'wm1',
      'wm1',
    ]);
  });

  it('re-reads a customer for a newer event, and reuses a read that started after an older one', async () => {
    const { client } = makeClient(fake);
    let name = 'A';
    fake.api = () => ({
      json: { errcode: 0, external_contact: { external_userid: 'wm1', name }, follow_user: [] },
    });
    const arrived = Date.now() - 5;
    const first = await client.getExternalContact(CORP.corpId, 'wm1', { freshSince: arrived });
    name = 'B';
    // an event that arrived before the first read started: that read already shows its change
    const reused = await client.getExternalContact(CORP.corpId, 'wm1', { freshSince: arrived });
    expect([first.external_contact.name, reused.external_contact.name]).toEqual(['A', 'A']);
    expect(fake.calls('externalcontact/get')).toHaveLength(1);
    // an event that arrived after it needs WeCom again
    await new Promise((r) => setTimeout(r, 5));
    const later = await client.getExternalContact(CORP.corpId, 'wm1', { freshSince: Date.now() });
    expect(later.external_contact.name).toBe('B');
    expect(fake.calls('externalcontact/get')).toHaveLength(2);
    // concurrent handlers of one customer share one read in flight
    const since = Date.now() + 1;
    await new Promise((r) => setTimeout(r, 5));
    await Promise.all(
      [1, 2, 3].map(() => client.getExternalContact(CORP.corpId, 'wm1', { freshSince: since })),
    );
    expect(fake.calls('externalcontact/get')).toHaveLength(3);
  });

  it('reads 84061 on externalcontact/list as "no customers"', async () => {
    const { client } = makeClient(fake);
    fake.api = () => ({ json: { errcode: 84061, errmsg: 'not external contact' } });
    expect(await client.listExternalContacts(CORP.corpId, 'u1')).toEqual([]);
  });

  it('uploads media as multipart with the field "media"', async () => {
    const { client } = makeClient(fake);
    fake.api = () => ({
      json: { errcode: 0, errmsg: 'ok', type: 'image', media_id: 'M1', created_at: '1' },
    });
    const res = await client.uploadMedia(CORP.corpId, 'image', {
      data: Buffer.from('PNGDATA123'),
      filename: 'a.png',
      contentType: 'image/png',
    });
    expect(res.media_id).toBe('M1');
    const [call] = fake.calls('media/upload');
    expect(call.query.type).toBe('image');
    expect(call.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(call.body).toContain('name="media"; filename="a.png"');
    expect(call.body).toContain('PNGDATA123');
  });

  it('builds the silent OAuth URL', () => {
    const { client } = makeClient(fake);
    expect(
      client.buildOAuthAuthorizeUrl('ww1', 1000002, 'https://scrm.example.com/h5/?a=1&b=2', 's t'),
    ).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww1&redirect_uri=https%3A%2F%2Fscrm.example.com%2Fh5%2F%3Fa%3D1%26b%3D2&response_type=code&scope=snsapi_base&agentid=1000002&state=s%20t#wechat_redirect',
    );
  });

  it('caches the JS-SDK tickets separately', async () => {
    const { client, cache } = makeClient(fake);
    fake.api = (req) => ({
      json: {
        errcode: 0,
        errmsg: 'ok',
        ticket: `ticket-${req.path}-${req.query.type ?? ''}`,
        expires_in: 7200,
      },
    });
    expect(await client.getJsapiTicket(CORP.corpId)).toBe('ticket-get_jsapi_ticket-');
    expect(await client.getAgentConfigTicket(CORP.corpId)).toBe('ticket-ticket/get-agent_config');
    expect(await client.getJsapiTicket(CORP.corpId)).toBe('ticket-get_jsapi_ticket-');
    expect(fake.calls('get_jsapi_ticket')).toHaveLength(1);
    expect(cache.get('ticket:wwunit:agent_config')).toBe('ticket-ticket/get-agent_config');
    expect(fake.calls('gettoken').map((g) => g.query.corpsecret)).toEqual(['AGENT-SECRET-xyz']);
  });
});

describe('helpers', () => {
  it('caches tokens for expires_in minus the margin, half of short lifetimes', () => {
    expect(cacheTtlSeconds(7200, 300)).toBe(6900);
    expect(cacheTtlSeconds(600, 300)).toBe(300);
    expect(cacheTtlSeconds(10, 300)).toBe(5);
    expect(cacheTtlSeconds(1, 300)).toBe(1);
    expect(cacheTtlSeconds(0, 300)).toBe(1);
  });

  it('describes network errors by code only', () => {
    const axiosLike = Object.assign(
      new Error('connect ECONNREFUSED 127.0.0.1:1?access_token=abc'),
      {
        isAxiosError: true,
        code: 'ECONNREFUSED',
      },
    );
    expect(networkReason(axiosLike)).toBe('ECONNREFUSED');
    expect(networkReason(new TypeError('x'))).toBe('TypeError');
  });
});
