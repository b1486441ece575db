import type { RunningSandbox } from '@scrm/wecom-sandbox';
import { getSignature, encrypt } from '@wecom/crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/**
 * WeCom (the sandbox) posts real encrypted callbacks to the running server: they are verified,
 * stored once however often WeCom delivers them, processed by the worker, listed in the event
 * log; bad deliveries are refused with a 4xx, never a 5xx.
 */
describe('WeCom callbacks into the inbox', () => {
  let stack: SandboxStack;
  let sandbox: RunningSandbox;
  let db: DataSource;
  let url: string;
  const auth = () => stack.auth();

  beforeAll(async () => {
    stack = await startSandboxStack();
    ({ sandbox, db, url } = stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const staff = () => sandbox.state.userList.find((u) => u.customerContact)!.userid;
  const rowsFor = async (externalUserId: string) =>
    (await db.query(
      `SELECT id, event, change_type AS changeType, status FROM callback_event
       WHERE corp_id = ? AND JSON_UNQUOTE(JSON_EXTRACT(payload, '$.ExternalUserID')) = ?`,
      [sandbox.corp.corpId, externalUserId],
    )) as { id: string; event: string; changeType: string; status: string }[];

  it('answers WeCom URL verification with the decrypted echostr', async () => {
    const res = await request(sandbox.url).post('/sandbox/callback/verify').send({}).expect(200);
    expect(res.body.verify).toMatchObject({ ok: true });
  });

  it('stores an add_external_contact event and the worker processes it', async () => {
    const add = await request(sandbox.url)
      .post('/sandbox/customers/add-staff')
      .send({ userId: staff() })
      .expect(200);
    const rows = await waitFor('the event to be processed', async () => {
      const r = await rowsFor(add.body.externalUserId);
      return r.length === 1 && r[0].status !== 'pending' && r[0].status !== 'processing'
        ? r
        : undefined;
    });
    expect(rows[0]).toMatchObject({
      event: 'change_external_contact',
      changeType: 'add_external_contact',
    });
    const log = await request(url)
      .get(
        `/api/admin/callback-events?corpId=${sandbox.corp.corpId}&changeType=add_external_contact`,
      )
      .set(auth())
      .expect(200);
    const listed = log.body.find((e: { id: string }) => e.id === String(rows[0].id));
    expect(listed.payload).toMatchObject({
      UserID: add.body.userId,
      ExternalUserID: add.body.externalUserId,
    });
  });

  it('keeps one row per event when WeCom delivers duplicates', async () => {
    await request(sandbox.url)
      .post('/sandbox/config')
      .send({ duplicateCallbacks: true })
      .expect(200);
    const add = await request(sandbox.url)
      .post('/sandbox/customers/add-staff')
      .send({ userId: staff() })
      .expect(200);
    await waitFor('every delivery to be acknowledged', async () => {
      const mine = sandbox.state.callbacks.deliveries.filter((d) =>
        d.xml.includes(add.body.externalUserId),
      );
      return mine.length >= 2 && mine.every((d) => d.status === 'delivered') ? mine : undefined;
    });
    await request(sandbox.url)
      .post('/sandbox/config')
      .send({ duplicateCallbacks: false })
      .expect(200);
    expect(await rowsFor(add.body.externalUserId)).toHaveLength(1);
  });

  describe('refuses bad deliveries with a 4xx', () => {
    const c = () => sandbox.corp;
    const now = () => String(Math.floor(Date.now() / 1000));
    const sealed = (
      xml: string,
      ts = now(),
      receiveId = c().corpId,
      tokenValue = c().callback.token,
    ) => {
      const enc = encrypt(c().callback.encodingAESKey, xml, receiveId);
      return {
        query: {
          msg_signature: getSignature(tokenValue, ts, 'n1', enc),
          timestamp: ts,
          nonce: 'n1',
        },
        body: `<xml><ToUserName><![CDATA[${c().corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`,
      };
    };
    const event = `<xml><ToUserName><![CDATA[x]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${now()}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[edit_external_contact]]></ChangeType><UserID><![CDATA[u1]]></UserID><ExternalUserID><![CDATA[wmfuzz]]></ExternalUserID></xml>`;
    const post = (corpId: string, query: Record<string, string>, body: string) =>
      request(url)
        .post(`/wecom/callback/${corpId}`)
        .query(query)
        .set('content-type', 'text/xml')
        .send(body);

    it('a good one is accepted with an empty 200', async () => {
      const { query, body } = sealed(event);
      const res = await post(c().corpId, query, body).expect(200);
      expect(res.text).toBe('');
    });

    it.each([
      [
        'a bad signature',
        401,
        () => ({ ...sealed(event), tokenValue: 'x' }),
        (q: Record<string, string>) => ({ ...q, msg_signature: 'f'.repeat(40) }),
      ],
      ['missing parameters', 400, () => sealed(event), () => ({})],
      [
        'a stale timestamp',
        401,
        () => sealed(event, String(Math.floor(Date.now() / 1000) - 3600)),
        (q: Record<string, string>) => q,
      ],
      [
        'another corp as receiver',
        400,
        () => sealed(event, now(), 'wwsomeoneelse'),
        (q: Record<string, string>) => q,
      ],
    ])('%s: %i', async (_name, status, make, tweak) => {
      const { query, body } = make();
      const res = await post(c().corpId, tweak(query), body).expect(status);
      expect(res.body.code).toMatch(/^CALLBACK_/);
    });

    it('the route served ahead of Express: a trailing slash, a repeated parameter, other paths', async () => {
      const { query, body } = sealed(event);
      const trailing = await request(url)
        .post(`/wecom/callback/${c().corpId}/`)
        .query(query)
        .set('content-type', 'text/xml')
        .send(body)
        .expect(200);
      expect(trailing.text).toBe('');
      // nonce twice: not a string, refused like a missing parameter
      const qs = new URLSearchParams({ ...query, nonce: 'n1' }).toString();
      const repeated = await request(url)
        .post(`/wecom/callback/${c().corpId}?${qs}&nonce=n2`)
        .set('content-type', 'text/xml')
        .send(body)
        .expect(400);
      expect(repeated.body.code).toMatch(/^CALLBACK_/);
      // anything below the corp id is Express's: no such route
      await request(url).post(`/wecom/callback/${c().corpId}/extra`).send(body).expect(404);
      await request(url).put(`/wecom/callback/${c().corpId}`).send(body).expect(404);
    });

    it('an unknown corp: 404', async () => {
      const { query, body } = sealed(event);
      await post('wwnotconfigured', query, body).expect(404);
    });

    it('truncated XML and a huge body: 400 and 413', async () => {
      const { query, body } = sealed(event);
      await post(c().corpId, query, body.slice(0, 40)).expect(400);
      await post(c().corpId, query, `<xml>${'x'.repeat(100_000)}</xml>`).expect(413);
    });
  });
});
