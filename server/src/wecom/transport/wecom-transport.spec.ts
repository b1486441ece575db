import { Logger } from '@nestjs/common';
import {
  caught,
  captureLogs,
  CORP,
  makeTransport,
  useFakeWecom,
} from '../../common/testing/fake-wecom';
import { cacheTtlSeconds } from '../access-token.store';
import { WecomApiException, WecomErrorCode } from '../wecom-api.exception';
import { networkReason, pickSecret } from './wecom-transport';

function expectNoSecrets(err: WecomApiException, token?: string): void {
  const dump = `${err.message} ${JSON.stringify(err)} ${String(err.stack)}`;
  expect(dump).not.toContain('SECRET');
  expect(dump).not.toContain('access_token=');
  if (token) expect(dump).not.toContain(token);
}

const FOLLOW = 'externalcontact/get_follow_user_list';
const followUsers = (t: ReturnType<typeof makeTransport>['transport']) =>
  t.get<{ errcode: number; errmsg: string; follow_user: string[] }>(CORP.corpId, 'contact', FOLLOW);
const getUser = (t: ReturnType<typeof makeTransport>['transport'], userid: string) =>
  t.get(CORP.corpId, 'addressBook', 'user/get', { userid });

/** What every area client relies on: secrets, tokens, errcodes, retries, limits, logs. */
describe('WecomTransport', () => {
  const logs = captureLogs();
  const fake = useFakeWecom();
  beforeAll(() => Logger.overrideLogger(logs.logger));
  afterAll(() => {
    // every access_token the fake handed out, and every secret
    const tokens = fake.seen.map((s) => s.query.access_token).filter(Boolean);
    const all = logs.lines.join('\n');
    expect(logs.lines.length).toBeGreaterThan(10);
    expect(all).not.toMatch(/SECRET|access_token=|corpsecret/);
    for (const t of tokens) expect(all).not.toContain(t);
    expect(all).toMatch(/GET user\/get corp=wwunit errcode=60111 \d+ms: userid not found/);
  });

  it('uses the secret of the scope: contact for externalcontact, agent when addressBook is null', async () => {
    const { transport } = makeTransport(fake);
    fake.api = (req) =>
      req.path === FOLLOW
        ? { json: { errcode: 0, errmsg: 'ok', follow_user: ['zhangsan'] } }
        : { json: { errcode: 0, errmsg: 'ok', department: [{ id: 1, parentid: 0 }] } };
    expect((await followUsers(transport)).follow_user).toEqual(['zhangsan']);
    await transport.get(CORP.corpId, 'addressBook', 'department/list');
    const gettoken = fake.calls('gettoken');
    expect(gettoken.map((g) => g.query.corpsecret)).toEqual([
      'CONTACT-SECRET-xyz',
      'AGENT-SECRET-xyz',
    ]);
    expect(gettoken[0].query.corpid).toBe(CORP.corpId);
    const [follow] = fake.calls(FOLLOW);
    expect(follow.query.access_token).toMatch(/-CONTA$/);
    const [dept] = fake.calls('department/list');
    expect(dept.query.access_token).toMatch(/-AGENT$/);
    expect(pickSecret({ ...CORP, contactSecret: null }, 'contact')).toEqual({
      scope: 'agent',
      secret: 'AGENT-SECRET-xyz',
    });
  });

  it('maps errcode != 0 to WecomApiException with errcode, errmsg and path, and does not retry it', async () => {
    const { transport } = makeTransport(fake);
    fake.api = () => ({
      json: {
        errcode: 60111,
        errmsg:
          'userid not found, hint: [1700000000_1_abc], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=60111',
      },
    });
    const err = await caught(getUser(transport, 'nobody'));
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
    const { transport } = makeTransport(fake);
    fake.api = (_req, n) =>
      n < 3
        ? { json: { errcode: 45009, errmsg: 'api freq out of limit' } }
        : { json: { errcode: 0, errmsg: 'ok', follow_user: [] } };
    expect((await followUsers(transport)).follow_user).toEqual([]);
    expect(fake.calls(FOLLOW)).toHaveLength(3);
  });

  it.each([-1, 45009, 45033])(
    'surfaces errcode %i after the bounded attempts, with growing delays (writes too)',
    async (code) => {
      const { transport } = makeTransport(fake, { attempts: 3, baseDelayMs: 40 });
      fake.api = () => ({ json: { errcode: code, errmsg: 'busy' } });
      const started = Date.now();
      const err = await caught(
        transport.post(CORP.corpId, 'contact', 'externalcontact/add_contact_way', {}, false),
      );
      expect(err.errcode).toBe(code);
      expect(err.isRetryable).toBe(true);
      expect(fake.calls('externalcontact/add_contact_way')).toHaveLength(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(40 + 80);
    },
  );

  it('on 40014/42001 drops the token, fetches a new one and retries once', async () => {
    const { transport } = makeTransport(fake);
    fake.api = (_req, n) =>
      n === 1
        ? { json: { errcode: 42001, errmsg: 'access_token expired' } }
        : { json: { errcode: 0, errmsg: 'ok', follow_user: ['a'] } };
    expect((await followUsers(transport)).follow_user).toEqual(['a']);
    const calls = fake.calls(FOLLOW);
    expect(calls).toHaveLength(2);
    expect(calls[0].query.access_token).not.toBe(calls[1].query.access_token);
    expect(fake.calls('gettoken')).toHaveLength(2);

    fake.seen = [];
    fake.api = () => ({ json: { errcode: 40014, errmsg: 'invalid access_token' } });
    const err = await caught(followUsers(transport));
    expect(err.errcode).toBe(40014);
    expect(err.isTokenError).toBe(true);
    expect(fake.calls(FOLLOW)).toHaveLength(2);
    expect(fake.calls('gettoken')).toHaveLength(1);
  });

  it('surfaces a gettoken error (bad secret) without the secret', async () => {
    const { transport } = makeTransport(fake);
    fake.gettoken = () => ({ json: { errcode: 40001, errmsg: 'invalid credential' } });
    try {
      const err = await caught(followUsers(transport));
      expect(err.errcode).toBe(40001);
      expect(err.path).toBe('gettoken');
      expect(err.message).toContain('corp secret was rejected');
      expect(fake.calls('gettoken')).toHaveLength(1);
      expect(fake.calls(FOLLOW)).toHaveLength(0);
      expectNoSecrets(err);
    } finally {
      fake.gettoken = undefined;
    }
  });

  it('retries a timed-out read, then reports WeCom as unavailable without the URL', async () => {
    const { transport } = makeTransport(fake, { attempts: 3, baseDelayMs: 5 }, 150);
    fake.api = () => ({ delayMs: 400, json: { errcode: 0, errmsg: 'ok' } });
    const err = await caught(getUser(transport, 'zhangsan'));
    expect(err.code).toBe(WecomErrorCode.Unavailable);
    expect(err.status).toBe(503);
    expect(err.message).toBe('WeCom user/get could not be reached: timeout');
    expect(fake.calls('user/get')).toHaveLength(3);
    expectNoSecrets(err, fake.calls('user/get')[0].query.access_token);
  });

  it('does not repeat a write after a timeout (it may have been applied)', async () => {
    const { transport } = makeTransport(fake, { attempts: 3, baseDelayMs: 5 }, 150);
    fake.api = () => ({ delayMs: 400, json: { errcode: 0, errmsg: 'ok', config_id: 'c1' } });
    const err = await caught(
      transport.post(CORP.corpId, 'contact', 'externalcontact/add_contact_way', {}, false),
    );
    expect(err.code).toBe(WecomErrorCode.Unavailable);
    expect(fake.calls('externalcontact/add_contact_way')).toHaveLength(1);
  });

  it('treats an HTTP error or a non-JSON answer as unavailable', async () => {
    const { transport } = makeTransport(fake, { attempts: 2, baseDelayMs: 5 });
    fake.api = () => ({ status: 502, raw: '<html>bad gateway</html>' });
    const err = await caught(followUsers(transport));
    expect(err.message).toBe(
      'WeCom externalcontact/get_follow_user_list could not be reached: HTTP 502 without WeCom JSON',
    );
    expect(fake.calls(FOLLOW)).toHaveLength(2);
  });

  it('rate-limits every exchange by corp and API path', async () => {
    const { transport, limiter } = makeTransport(fake);
    await followUsers(transport);
    expect(limiter.acquire.mock.calls).toEqual([
      [CORP.corpId, 'gettoken'],
      [CORP.corpId, FOLLOW],
    ]);
  });

  it('forgets a corp: its next call fetches a new token', async () => {
    const { transport, cache } = makeTransport(fake);
    await followUsers(transport);
    expect(cache.has('token:wwunit:contact')).toBe(true);
    await transport.forgetCorp(CORP.corpId);
    expect(cache.size).toBe(0);
    await followUsers(transport);
    expect(fake.calls('gettoken')).toHaveLength(2);
  });
});

describe('transport helpers', () => {
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
