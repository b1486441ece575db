import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { startSandbox, type RunningSandbox } from '@scrm/wecom-sandbox';
import { XMLParser } from 'fast-xml-parser';
import type Redis from 'ioredis';
import { AllConfig, allConfigs, loadEnv, resetEnvCache } from '../../src/config/configuration';
import { CorpException } from '../../src/corps/corp.exception';
import { CorpModule } from '../../src/corps/corp.module';
import { CorpService } from '../../src/corps/corp.service';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { EventsModule } from '../../src/events/events.module';
import { REDIS_CLIENT } from '../../src/redis/redis.constants';
import { RedisModule } from '../../src/redis/redis.module';
import { AccessTokenStore } from '../../src/wecom/access-token.store';
import { RedisRateCounterStore, WindowRateLimiter } from '../../src/wecom/rate-limiter';
import { CallbackCryptoService } from '../../src/wecom/callback-crypto.service';
import { JsapiSignatureService } from '../../src/wecom/jsapi-signature.service';
import { WecomApiException } from '../../src/wecom/wecom-api.exception';
import { AddressBookClient } from '../../src/wecom/areas/address-book.client';
import { ContactWaysClient } from '../../src/wecom/areas/contact-ways.client';
import { CorpTagsClient } from '../../src/wecom/areas/corp-tags.client';
import { CustomerGroupsClient } from '../../src/wecom/areas/customer-groups.client';
import { ExternalContactsClient } from '../../src/wecom/areas/external-contacts.client';
import { MassMessagesClient } from '../../src/wecom/areas/mass-messages.client';
import { MediaClient } from '../../src/wecom/areas/media.client';
import { MomentsClient } from '../../src/wecom/areas/moments.client';
import { OAuthJssdkClient } from '../../src/wecom/areas/oauth-jssdk.client';
import { TransfersClient } from '../../src/wecom/areas/transfers.client';
import { WecomModule } from '../../src/wecom/wecom.module';

/** The area clients of one booted "process", by the name each caller would give it. */
function areaClients(app: TestingModule) {
  return {
    addressBook: app.get(AddressBookClient),
    externalContacts: app.get(ExternalContactsClient),
    corpTags: app.get(CorpTagsClient),
    contactWays: app.get(ContactWaysClient),
    customerGroups: app.get(CustomerGroupsClient),
    oauth: app.get(OAuthJssdkClient),
    transfers: app.get(TransfersClient),
    massMessages: app.get(MassMessagesClient),
    moments: app.get(MomentsClient),
    media: app.get(MediaClient),
  };
}

/**
 * The WeCom area clients and their transport against the real WeCom sandbox (in this process) and the real Redis and MariaDB:
 * the corp's credentials come from CorpService (sealed in the test database).
 */
describe('WeCom clients against the sandbox', () => {
  let sandbox: RunningSandbox;
  let corpId: string;
  const prefix = `wecom-it-${randomBytes(4).toString('hex')}:`;
  const apps: TestingModule[] = [];

  /** One Nest "process": config, MariaDB, Redis, CorpModule and the WecomModule. */
  async function boot(): Promise<TestingModule> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: allConfigs,
          validate: () => loadEnv(),
        }),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<AllConfig, true>) => ({
            ...buildDataSourceOptions(config.get('database', { infer: true })),
            extra: { connectionLimit: 2 },
          }),
        }),
        RedisModule,
        EventsModule,
        CorpModule,
        WecomModule.forRoot({ redisKeyPrefix: prefix, retry: { attempts: 3, baseDelayMs: 20 } }),
      ],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    apps.push(moduleRef);
    return moduleRef;
  }

  /** API path → how many requests the sandbox received for it (gettoken included). */
  const hits = new Map<string, number>();
  const hitCount = (path: string) => hits.get(path) ?? 0;
  const control = async (path: string, body: unknown = {}) => {
    const res = await fetch(`${sandbox.url}/sandbox/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`sandbox ${path}: ${JSON.stringify(json)}`);
    return json;
  };

  let a: TestingModule;
  let client: ReturnType<typeof areaClients>;
  let redis: Redis;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    sandbox = await startSandbox({ port: 0, seed: { customers: 700 } });
    corpId = sandbox.corp.corpId;
    const limiter = sandbox.state.rateLimiter;
    const hit = limiter.hit.bind(limiter);
    limiter.hit = (path: string) => {
      hits.set(path, (hits.get(path) ?? 0) + 1);
      return hit(path);
    };

    process.env.WECOM_BASE_URL = sandbox.url;
    process.env.WECOM_HTTP_TIMEOUT_MS = '5000';
    resetEnvCache();
    a = await boot();
    client = areaClients(a);
    redis = a.get(REDIS_CLIENT);

    const corps = a.get(CorpService);
    const creds = {
      name: sandbox.corp.corpName,
      agentId: sandbox.corp.agent.agentId,
      agentSecret: sandbox.corp.agent.secret,
      contactSecret: sandbox.corp.contactSecret,
      addressBookSecret: sandbox.corp.addressBookSecret,
      callbackToken: sandbox.corp.callback.token,
      encodingAESKey: sandbox.corp.callback.encodingAESKey,
    };
    try {
      await corps.create({ corpId, ...creds });
    } catch (err) {
      if (!(err instanceof CorpException)) throw err;
      await corps.update(corpId, creds);
    }
  });

  afterAll(async () => {
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
    }
    for (const app of apps) await app.close();
    await sandbox?.close();
    resetEnvCache();
  });

  it('fetches one token for two "processes" calling concurrently and caches it in Redis', async () => {
    const b = await boot();
    const other = areaClients(b);
    const before = hitCount('gettoken');
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => client.externalContacts.getFollowUserList(corpId)),
      ...Array.from({ length: 8 }, () => other.externalContacts.getFollowUserList(corpId)),
    ]);
    expect(hitCount('gettoken') - before).toBe(1);
    expect(new Set(results.map((r) => r.join(',')))).toHaveProperty('size', 1);
    expect(results[0].length).toBeGreaterThan(0);

    const key = `${prefix}token:${corpId}:contact`;
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(6800);
    expect(ttl).toBeLessThanOrEqual(6900);

    // later calls from either instance reuse it
    await other.externalContacts.getFollowUserList(corpId);
    await client.externalContacts.getFollowUserList(corpId);
    expect(hitCount('gettoken') - before).toBe(1);
  });

  it('uses one token per secret: address book and app tokens are separate keys', async () => {
    const departments = await client.addressBook.listDepartments(corpId);
    expect(departments.length).toBe(sandbox.state.departments.size);
    const someone = sandbox.state.userList.find((u) => sandbox.state.isActive(u))!;
    const user = await client.addressBook.getUser(corpId, someone.userid);
    expect(user.userid).toBe(someone.userid);
    expect(user.name).toBe(someone.name);
    const ids = await client.addressBook.listAllUserIds(corpId);
    expect(new Set(ids)).toEqual(
      new Set(sandbox.state.userList.filter((u) => sandbox.state.isActive(u)).map((u) => u.userid)),
    );
    expect(await redis.exists(`${prefix}token:${corpId}:addressBook`)).toBe(1);
  });

  it('refreshes an expired token transparently', async () => {
    const key = `${prefix}token:${corpId}:contact`;
    const old = await redis.get(key);
    expect(old).toBeTruthy();
    await control('tokens/expire');
    const before = hitCount('gettoken');
    const users = await client.externalContacts.getFollowUserList(corpId);
    expect(users.length).toBeGreaterThan(0);
    expect(hitCount('gettoken') - before).toBe(1);
    const fresh = await redis.get(key);
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(old);
  });

  it('retries 45009 with backoff, then surfaces it as WecomApiException', async () => {
    const someone = sandbox.state.userList.find((u) => sandbox.state.isActive(u))!;
    await client.addressBook.getUser(corpId, someone.userid); // token in hand before the limit drops
    await control('config', { rateLimit: { perMinute: 1 } });
    try {
      await client.addressBook.getUser(corpId, someone.userid); // the one call the window allows
      const before = hitCount('user/get');
      const err = await client.addressBook.getUser(corpId, someone.userid).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(WecomApiException);
      expect((err as WecomApiException).errcode).toBe(45009);
      expect((err as WecomApiException).path).toBe('user/get');
      expect((err as WecomApiException).message).toMatch(/frequency limit/);
      expect(hitCount('user/get') - before).toBe(3);
    } finally {
      await control('config', { rateLimit: { perMinute: 10000, perHour: 150000 } });
    }
  });

  it('walks batch/get_by_user to the end: every follow relation exactly once', async () => {
    const followUsers = await client.externalContacts.getFollowUserList(corpId);
    const seen: string[] = [];
    for await (const item of client.externalContacts.iterateCustomersByUsers(corpId, followUsers)) {
      seen.push(`${item.follow_info.userid}|${item.external_contact.external_userid}`);
    }
    const expected = followUsers.flatMap((u) =>
      sandbox.state.followsOfUser(u).map((f) => `${f.userid}|${f.external_userid}`),
    );
    expect(seen.length).toBe(new Set(seen).size);
    expect(new Set(seen)).toEqual(new Set(expected));
    expect(seen.length).toBe(expected.length);
    // every seeded customer with a follow user is there
    const customers = new Set(seen.map((s) => s.split('|')[1]));
    const withFollow = [...sandbox.state.customers.keys()].filter(
      (id) => sandbox.state.activeFollowsOfCustomer(id).length > 0,
    );
    expect(customers).toEqual(new Set(withFollow));
    // more than one page per user was needed somewhere
    const calls = hitCount('externalcontact/batch/get_by_user');
    expect(calls).toBeGreaterThan(Math.ceil(followUsers.length / 100));
  });

  it("reads a customer and a member's customer list", async () => {
    const [user] = await client.externalContacts.getFollowUserList(corpId);
    const ids = await client.externalContacts.listExternalContacts(corpId, user);
    expect(ids.length).toBe(sandbox.state.followsOfUser(user).length);
    const detail = await client.externalContacts.getExternalContact(corpId, ids[0]);
    expect(detail.external_contact.external_userid).toBe(ids[0]);
    expect(detail.follow_user.map((f) => f.userid)).toContain(user);
  });

  it('iterates group chats to the end', async () => {
    const chats: string[] = [];
    for await (const c of client.customerGroups.iterateGroupChats(corpId, {}, 7))
      chats.push(c.chat_id);
    const expected = sandbox.state.groupChatList.filter((g) => !g.dismissed).map((g) => g.chat_id);
    expect(chats).toEqual(expected);
    if (chats.length > 0) {
      const detail = await client.customerGroups.getGroupChat(corpId, chats[0]);
      expect(detail.group_chat.chat_id).toBe(chats[0]);
    }
  });

  it('creates, reads and deletes a contact way; uploads media', async () => {
    const [user] = await client.externalContacts.getFollowUserList(corpId);
    const created = await client.contactWays.addContactWay(corpId, {
      type: 1,
      scene: 2,
      user: [user],
      state: 'it-test',
    });
    expect(created.config_id).toBeTruthy();
    const way = await client.contactWays.getContactWay(corpId, created.config_id);
    expect(way.contact_way.state).toBe('it-test');
    await client.contactWays.updateContactWay(corpId, {
      config_id: created.config_id,
      remark: 'updated',
    });
    await client.contactWays.deleteContactWay(corpId, created.config_id);

    const media = await client.media.uploadMedia(corpId, 'image', {
      data: Buffer.from('\x89PNG\r\n\x1a\n-sandbox-image-bytes'),
      filename: 'a.png',
      contentType: 'image/png',
    });
    expect(media.media_id).toBeTruthy();
  });

  it('calls the tag, mass-message, moment, transfer and OAuth APIs the sandbox implements', async () => {
    const [sender, takeover] = await client.externalContacts.getFollowUserList(corpId);
    const [customer] = await client.externalContacts.listExternalContacts(corpId, sender);

    // corp tags
    const added = await client.corpTags.addCorpTag(corpId, {
      group_name: `it-group-${prefix}`,
      tag: [{ name: 'vip' }],
    });
    const tagId = added.tag_group.tag[0].id;
    await client.corpTags.markTag(corpId, {
      userid: sender,
      external_userid: customer,
      add_tag: [tagId],
    });
    await client.corpTags.editCorpTag(corpId, { id: tagId, name: 'vip+' });
    const list = await client.corpTags.getCorpTagList(corpId, { tag_id: [tagId] });
    expect(list.tag_group.flatMap((g) => g.tag).map((t) => t.name)).toContain('vip+');
    await client.externalContacts.remarkExternalContact(corpId, {
      userid: sender,
      external_userid: customer,
      remark: 'it',
    });
    await client.corpTags.deleteCorpTag(corpId, { group_id: [added.tag_group.group_id] });

    // mass message
    const now = Math.floor(Date.now() / 1000);
    const msg = await client.massMessages.addMsgTemplate(corpId, {
      chat_type: 'single',
      sender,
      external_userid: [customer],
      text: { content: 'hello from the integration test' },
    });
    expect(msg.msgid).toBeTruthy();
    const records = await client.massMessages.getGroupMsgListV2(corpId, {
      chat_type: 'single',
      start_time: now - 3600,
      end_time: now + 3600,
    });
    expect(records.group_msg_list.map((m) => m.msgid)).toContain(msg.msgid);
    const task = await client.massMessages.getGroupMsgTask(corpId, { msgid: msg.msgid });
    expect(task.task_list.map((t) => t.userid)).toEqual([sender]);
    const result = await client.massMessages.getGroupMsgSendResult(corpId, {
      msgid: msg.msgid,
      userid: sender,
    });
    expect(result.send_list[0].external_userid).toBe(customer);
    await client.massMessages.remindGroupMsgSend(corpId, msg.msgid);
    await client.massMessages.cancelGroupMsgSend(corpId, msg.msgid);

    // moments
    const job = await client.moments.addMomentTask(corpId, {
      text: { content: 'moment from the integration test' },
      visible_range: { sender_list: { user_list: [sender] } },
    });
    expect(job.jobid).toBeTruthy();
    const status = await client.moments.getMomentTaskResult(corpId, job.jobid);
    expect([1, 2, 3]).toContain(status.status);

    // 在职继承 and its result
    const transfer = await client.transfers.transferCustomers(corpId, {
      handover_userid: sender,
      takeover_userid: takeover,
      external_userid: [customer],
    });
    expect(transfer.customer).toEqual([{ external_userid: customer, errcode: expect.any(Number) }]);
    const transferResult = await client.transfers.transferResult(corpId, {
      handover_userid: sender,
      takeover_userid: takeover,
    });
    expect(Array.isArray(transferResult.customer)).toBe(true);
    const unassigned = await client.transfers.getUnassignedList(corpId, { page_size: 100 });
    expect(Array.isArray(unassigned.info)).toBe(true);

    // OAuth: the sandbox login page redirects with a code, exchanged with the app token
    const redirect = 'https://h5.example.com/oauth/callback';
    const authorize = new URL(
      client.oauth.buildOAuthAuthorizeUrl(corpId, sandbox.corp.agent.agentId, redirect, 'st'),
    );
    expect(authorize.hash).toBe('#wechat_redirect');
    const login = await fetch(
      `${sandbox.url}/connect/oauth2/sandbox-login?userid=${sender}&redirect_uri=${encodeURIComponent(redirect)}&state=st`,
      { redirect: 'manual' },
    );
    const code = new URL(login.headers.get('location')!).searchParams.get('code')!;
    const who = await client.oauth.getUserInfoByCode(corpId, code);
    expect(who.userid).toBe(sender);
    await expect(client.oauth.getUserInfoByCode(corpId, code)).rejects.toMatchObject({
      errcode: 40029,
    });
  });

  it('signs JS-SDK configs with two different cached tickets', async () => {
    const jsapi = a.get(JsapiSignatureService);
    const before = hitCount('get_jsapi_ticket');
    const one = await jsapi.configSignature(corpId, 'https://h5.example.com/sidebar?x=1#/a');
    const two = await jsapi.configSignature(corpId, 'https://h5.example.com/sidebar?x=1');
    const agent = await jsapi.agentConfigSignature(corpId, 'https://h5.example.com/sidebar?x=1');
    expect(hitCount('get_jsapi_ticket') - before).toBe(1);
    expect(one.appId).toBe(corpId);
    expect(agent.agentid).toBe(sandbox.corp.agent.agentId);
    const corpTicket = await redis.get(`${prefix}ticket:${corpId}:jsapi`);
    const agentTicket = await redis.get(`${prefix}ticket:${corpId}:agent_config`);
    expect(corpTicket).toBeTruthy();
    expect(agentTicket).toBeTruthy();
    expect(corpTicket).not.toBe(agentTicket);
    expect(two.signature).not.toBe(one.signature); // other nonce/timestamp
  });

  describe('callbacks from the sandbox', () => {
    let receiver: Server;
    const received: Array<{ method: string; query: Record<string, string>; body: string }> = [];
    const crypto = new CallbackCryptoService();
    const creds = () => ({
      corpId,
      callbackToken: sandbox.corp.callback.token,
      encodingAESKey: sandbox.corp.callback.encodingAESKey,
    });

    beforeAll(async () => {
      receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const u = new URL(req.url ?? '/', 'http://x');
          const query = Object.fromEntries(u.searchParams);
          received.push({
            method: req.method ?? '',
            query,
            body: Buffer.concat(chunks).toString('utf8'),
          });
          if (req.method === 'GET') {
            try {
              const plain = crypto.verifyUrl(creds(), query as never);
              res.writeHead(200, { 'content-type': 'text/plain' }).end(plain);
            } catch {
              res.writeHead(400).end();
            }
            return;
          }
          res.writeHead(200, { 'content-type': 'text/plain' }).end('');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const port = (receiver.address() as AddressInfo).port;
      await control('config', { callbackUrl: `http://127.0.0.1:${port}/wecom/callback/{corpId}` });
    });

    afterAll(async () => {
      await control('config', { callbackUrl: '' }).catch(() => undefined);
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    });

    it('answers the sandbox URL verification with the decrypted echostr', async () => {
      const res = await control('callback/verify');
      expect((res.verify as { ok: boolean }).ok).toBe(true);
      expect(received.some((r) => r.method === 'GET')).toBe(true);
    });

    it('decrypts an add_external_contact callback the sandbox posts', async () => {
      const [user] = await client.externalContacts.getFollowUserList(corpId);
      const added = (await control('customers/add-staff', {
        userId: user,
        customer: { name: '回调测试客户' },
        state: 'cb-test',
      })) as { externalUserId: string };
      await sandbox.state.callbacks.drain();
      const post = received.filter((r) => r.method === 'POST').pop();
      expect(post).toBeDefined();
      expect(post!.query.msg_signature).toMatch(/^[0-9a-f]{40}$/);
      const xml = crypto.decryptXmlBody(creds(), post!.query as never, post!.body);
      const event = new XMLParser({ parseTagValue: false }).parse(xml).xml as Record<
        string,
        string
      >;
      expect(event.ToUserName).toBe(corpId);
      expect(event.Event).toBe('change_external_contact');
      expect(event.ChangeType).toBe('add_external_contact');
      expect(event.UserID).toBe(user);
      expect(event.ExternalUserID).toBe(added.externalUserId);
      expect(event.State).toBe('cb-test');

      // the same body with a wrong signature is refused
      expect(() =>
        crypto.decryptXmlBody(
          creds(),
          { ...post!.query, msg_signature: '0'.repeat(40) } as never,
          post!.body,
        ),
      ).toThrow(/signature/);
    });
  });

  it('keeps calls within a Redis window and makes the overflow wait for the next one', async () => {
    const store = new RedisRateCounterStore(redis);
    const limiters = [0, 1].map(
      () => new WindowRateLimiter(store, [{ ms: 1000, limit: 3 }], `${prefix}rate-test:`),
    );
    // start right after a window boundary so the first three land in one window
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
    const started = Date.now();
    const waited = await Promise.all(
      Array.from({ length: 5 }, (_, i) => limiters[i % 2].acquire(corpId, 'externalcontact/get')),
    );
    expect(waited.filter((w) => w === 0)).toHaveLength(3);
    expect(waited.filter((w) => w > 0)).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('shares a refresh lock across token stores: one fetch for many concurrent callers', async () => {
    const b = apps[1] ?? (await boot());
    const stores = [a.get(AccessTokenStore), b.get(AccessTokenStore)];
    const key = `${prefix}test:lock-check`;
    let fetches = 0;
    const fetch = async () => {
      fetches++;
      await new Promise((r) => setTimeout(r, 150));
      return { value: `v${fetches}`, expiresIn: 7200 };
    };
    const values = await Promise.all(
      Array.from({ length: 20 }, (_, i) => stores[i % 2].get(key, fetch)),
    );
    expect(fetches).toBe(1);
    expect(new Set(values)).toEqual(new Set(['v1']));
    await stores[0].invalidate(key, 'not-the-value');
    expect(await redis.get(key)).toBe('v1');
    await stores[1].invalidate(key, 'v1');
    expect(await redis.get(key)).toBeNull();
  });

  it('keeps a token in memory between calls, and drops it when WeCom rejects it', async () => {
    const store = a.get(AccessTokenStore);
    const key = `${prefix}test:local`;
    let fetched = 0;
    const fetch = jest.fn(async () => ({ value: `v${++fetched}`, expiresIn: 7200 }));
    expect(await store.get(key, fetch)).toBe('v1');
    // Redis changed behind this process's back: the kept value is still used (no round trip)
    await redis.set(key, 'other');
    expect(await store.get(key, fetch)).toBe('v1');
    // WeCom rejected v1 (40014): dropped here and in Redis, so the next call refreshes
    await store.invalidate(key, 'v1');
    await redis.del(key);
    expect(await store.get(key, fetch)).toBe('v2');
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
