import { randomBytes, randomInt } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { encrypt, getSignature } from '@wecom/crypto';
import request from 'supertest';
import { freePort } from '../support/free-port';
import { loginAsAdmin, registerCorp } from '../support/sandbox-stack';
import { createTestApp } from '../support/test-app';

/** 1,000 fuzzed deliveries: each refused with the right 4xx, no 5xx, the server keeps answering. */
describe('callback endpoint under fuzzing', () => {
  const corp = {
    corpId: `wwfuzz${randomBytes(4).toString('hex')}`,
    token: 'FuzzToken1',
    aesKey: randomBytes(40)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 43),
  };
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    app = await createTestApp();
    await app.listen(port, '127.0.0.1');
    await registerCorp(url, await loginAsAdmin(url), {
      corpId: corp.corpId,
      name: 'fuzz',
      agentId: 1,
      agentSecret: 's',
      callbackToken: corp.token,
      encodingAESKey: corp.aesKey,
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  const now = () => String(Math.floor(Date.now() / 1000));
  const event = () =>
    `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${now()}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[del_follow_user]]></ChangeType></xml>`;
  const sealed = (plain: string, receiveId = corp.corpId) => {
    const enc = encrypt(corp.aesKey, plain, receiveId);
    const ts = now();
    return { enc, ts, sig: getSignature(corp.token, ts, 'nz', enc) };
  };
  const envelope = (enc: string) =>
    `<xml><ToUserName><![CDATA[${corp.corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;

  /** Each case: what to send and the statuses that are right for it. */
  const cases: Array<
    () => { corpId?: string; query: Record<string, string>; body: string; ok: number[] }
  > = [
    () => {
      const s = sealed(event());
      const sig = s.sig.slice(0, 39) + (s.sig[39] === 'a' ? 'b' : 'a');
      return {
        query: { msg_signature: sig, timestamp: s.ts, nonce: 'nz' },
        body: envelope(s.enc),
        ok: [401],
      };
    },
    () => {
      // cut inside the ciphertext: what is left can never verify
      const s = sealed(event());
      const body = envelope(s.enc);
      const start = body.indexOf(s.enc);
      return {
        query: { msg_signature: s.sig, timestamp: s.ts, nonce: 'nz' },
        body: body.slice(0, randomInt(start, start + s.enc.length - 1)),
        ok: [400, 401],
      };
    },
    () => {
      const s = sealed(event());
      return {
        corpId: `ww${randomBytes(6).toString('hex')}`,
        query: { msg_signature: s.sig, timestamp: s.ts, nonce: 'nz' },
        body: envelope(s.enc),
        ok: [404],
      };
    },
    () => ({
      query: { msg_signature: 'x', timestamp: now(), nonce: 'n' },
      body: randomBytes(randomInt(70_000, 200_000)).toString('base64'),
      ok: [413],
    }),
    () => ({
      query: { msg_signature: 'x', timestamp: now(), nonce: 'n' },
      body: randomBytes(randomInt(1, 2000)).toString('latin1'),
      ok: [400, 401],
    }),
    () => {
      const s = sealed('not xml at all <<<');
      return {
        query: { msg_signature: s.sig, timestamp: s.ts, nonce: 'nz' },
        body: envelope(s.enc),
        ok: [400],
      };
    },
    () => {
      const s = sealed(`<xml><Event>x</Event></xml>`);
      return {
        query: { msg_signature: s.sig, timestamp: s.ts, nonce: 'nz' },
        body: envelope(s.enc),
        ok: [400],
      };
    },
    () => {
      const s = sealed(event(), 'wwintruder');
      return {
        query: { msg_signature: s.sig, timestamp: s.ts, nonce: 'nz' },
        body: envelope(s.enc),
        ok: [400],
      };
    },
    () => {
      const s = sealed(event());
      const tampered = s.enc.slice(0, 10) + (s.enc[10] === 'A' ? 'B' : 'A') + s.enc.slice(11);
      return {
        query: {
          msg_signature: getSignature(corp.token, s.ts, 'nz', tampered),
          timestamp: s.ts,
          nonce: 'nz',
        },
        body: envelope(tampered),
        ok: [400],
      };
    },
    () => ({ query: {}, body: envelope('abc'), ok: [400] }),
  ];

  it('answers each of 1,000 bad deliveries with the right 4xx and keeps serving', async () => {
    const statuses: Record<number, number> = {};
    const wrong: string[] = [];
    for (let i = 0; i < 1000; i += 25) {
      await Promise.all(
        Array.from({ length: 25 }, async (_, j) => {
          const n = (i + j) % cases.length;
          const c = cases[n]();
          const res = await request(url)
            .post(`/wecom/callback/${c.corpId ?? corp.corpId}`)
            .query(c.query)
            .set('content-type', 'text/xml')
            .send(c.body);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (!c.ok.includes(res.status))
            wrong.push(`case ${n}: ${res.status} ${res.text.slice(0, 120)}`);
        }),
      );
    }
    expect(wrong).toEqual([]);
    expect(Object.keys(statuses).filter((s) => Number(s) >= 500)).toEqual([]);
    await request(url).get('/health/ready').expect(200);
  });
});
