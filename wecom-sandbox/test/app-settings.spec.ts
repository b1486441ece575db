import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt, getSignature } from '@wecom/crypto';
import { Client, startClient, startReceiver } from './helpers';

/**
 * The failures a first-run setup meets in WeCom's admin console, acted out by switches: a wrong
 * or reset secret, an untrusted IP, an app without customer-contact permission or with an empty
 * visible range, and a callback URL that never verifies.
 */
describe('app settings an admin gets wrong in WeCom', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 20 } });
  });
  afterAll(() => c.sb.close());
  afterEach(async () => {
    await c.act('config', {
      trustedIps: null,
      appCustomerContact: true,
      appVisibleUserIds: null,
      callbackVerification: 'send',
    });
    c.forgetTokens();
  });

  it('a secret reset in the console answers 40001 from then on, the new one works', async () => {
    const { corp } = c.sb;
    const old = corp.agent.secret;
    const reset = await c.act('secrets/agent/reset');
    expect(reset.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const refused = await c.raw('GET', 'gettoken', { corpid: corp.corpId, corpsecret: old });
    expect(refused.errcode).toBe(40001);
    expect(refused.errmsg).toMatch(
      /^invalid credential, access_token is invalid or not latest, hint: \[/,
    );
    const fresh = await c.raw('GET', 'gettoken', {
      corpid: corp.corpId,
      corpsecret: reset.secret,
    });
    expect(fresh.errcode).toBe(0);
    expect((await c.control('POST', 'secrets/other/reset')).status).toBe(400);
  });

  it('an untrusted IP gets 60020 with "from ip" for the app token; gettoken itself still works', async () => {
    await c.act('config', { trustedIps: ['203.0.113.7'] });
    const token = await c.raw('GET', 'gettoken', {
      corpid: c.sb.corp.corpId,
      corpsecret: c.sb.corp.agent.secret,
    });
    expect(token.errcode).toBe(0);
    const r = await c.raw('GET', 'externalcontact/get_follow_user_list', {
      access_token: token.access_token,
    });
    expect(r.errcode).toBe(60020);
    expect(r.errmsg).toMatch(
      /^not allow to access from your ip, hint: \[[^\]]+\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=60020$/,
    );
    // the 客户联系 secret is not the self-built app: not refused
    expect((await c.get('externalcontact/get_follow_user_list', {}, 'contact')).errcode).toBe(0);
    await c.act('config', { trustedIps: ['127.0.0.1'] });
    expect((await c.get('externalcontact/get_follow_user_list', {}, 'agent')).errcode).toBe(0);
  });

  it('an app without customer-contact permission gets 48002 on externalcontact APIs only', async () => {
    await c.act('config', { appCustomerContact: false });
    const r = await c.get('externalcontact/get_follow_user_list', {}, 'agent');
    expect(r.errcode).toBe(48002);
    expect(r.errmsg).toMatch(/^api forbidden/);
    expect((await c.get('user/simplelist', { department_id: 1 }, 'agent')).errcode).toBe(0);
    expect((await c.get('externalcontact/get_follow_user_list', {}, 'contact')).errcode).toBe(0);
  });

  it("the app's visible range limits get_follow_user_list for its token; empty range, empty list", async () => {
    const all = (await c.get('externalcontact/get_follow_user_list', {}, 'agent')).follow_user;
    expect(all.length).toBeGreaterThan(5);
    await c.act('config', { appVisibleUserIds: ['lina', 'zhaolei'] });
    // zhaolei has no 客户联系 permission
    expect((await c.get('externalcontact/get_follow_user_list', {}, 'agent')).follow_user).toEqual([
      'lina',
    ]);
    await c.act('config', { appVisibleUserIds: [] });
    expect(await c.get('externalcontact/get_follow_user_list', {}, 'agent')).toEqual({
      errcode: 0,
      errmsg: 'ok',
      follow_user: [],
    });
    expect(
      (await c.get('externalcontact/get_follow_user_list', {}, 'contact')).follow_user,
    ).toEqual(all);
  });

  it('refuses malformed switches with a 400 naming them', async () => {
    for (const bad of [
      { trustedIps: '1.2.3.4' },
      { appVisibleUserIds: [1] },
      { appCustomerContact: 'no' },
      { callbackVerification: 'sometimes' },
    ]) {
      const r = await c.control('POST', 'config', bad);
      expect(r.status).toBe(400);
      expect(r.body.error).toContain(Object.keys(bad)[0]);
    }
  });

  describe('saving 接收消息 → 设置API接收', () => {
    const token = 'NewToken2026';
    const aesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    let server: Server;
    let url: string;
    const gets: Array<Record<string, string>> = [];

    beforeAll(async () => {
      // answers WeCom's GET with the decrypted echostr, as the SCRM server does
      server = createServer((req, res) => {
        const q = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
        gets.push(q);
        const sig = getSignature(token, q.timestamp, q.nonce, q.echostr);
        if (req.method !== 'GET' || sig !== q.msg_signature) return res.writeHead(400).end();
        res.writeHead(200).end(decrypt(aesKey, q.echostr).message);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback/${c.sb.corp.corpId}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('never: no GET is sent and nothing is saved', async () => {
      await c.act('config', { callbackVerification: 'never' });
      const before = gets.length;
      const r = await c.act('callback/settings', { url, token, encodingAESKey: aesKey });
      expect(r).toMatchObject({ saved: false, verify: null });
      expect(gets.length).toBe(before);
      expect(c.sb.state.config.callbackUrl).not.toBe(url);
    });

    it('a wrong Token fails the verification and is not saved', async () => {
      const r = await c.act('callback/settings', {
        url,
        token: 'SomeOtherToken',
        encodingAESKey: aesKey,
      });
      expect(r.saved).toBe(false);
      expect(r.verify).toMatchObject({ ok: false, httpStatus: 400 });
    });

    it('send: one GET with msg_signature, timestamp, nonce, echostr; saved; callbacks use the new keys', async () => {
      const before = gets.length;
      const r = await c.act('callback/settings', { url, token, encodingAESKey: aesKey });
      expect(r).toMatchObject({ saved: true, verify: { ok: true, httpStatus: 200 } });
      expect(gets.length).toBe(before + 1);
      expect(Object.keys(gets.at(-1)!).sort()).toEqual([
        'echostr',
        'msg_signature',
        'nonce',
        'timestamp',
      ]);
      expect(c.sb.state.config.callbackUrl).toBe(url);
      // a later event is encrypted with the saved Token / EncodingAESKey
      const rx = await startReceiver(token, aesKey);
      await c.act('config', { callbackUrl: rx.url });
      const way = await c.post('externalcontact/add_contact_way', {
        type: 1,
        scene: 2,
        user: ['lina'],
      });
      await c.act('customers/scan', { configId: way.config_id });
      const [cb] = await rx.waitFor(1);
      expect(cb.signatureOk).toBe(true);
      await rx.close();
    });

    it('refuses malformed settings with a 400', async () => {
      for (const bad of [
        { url: 'not a url', token, encodingAESKey: aesKey },
        { url, token: 'has space', encodingAESKey: aesKey },
        { url, token, encodingAESKey: 'short' },
      ]) {
        expect((await c.control('POST', 'callback/settings', bad)).status).toBe(400);
      }
    });
  });
});
