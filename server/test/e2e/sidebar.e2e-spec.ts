import { getJsApiSignature } from '@wecom/crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The sidebar's API against the sandbox corp after a real sync: a guide signs in only with a
 * WeCom OAuth code and the customer-contact permission, sees only the customers they follow and
 * the groups they are in, marks tags that reach WeCom, writes follow-ups that are on the
 * timeline, and gets JS-SDK signatures of the two tickets.
 */
describe('sidebar API', () => {
  let stack: SandboxStack;
  let corpId: string;

  beforeAll(async () => {
    process.env.SIDEBAR_RATE_LIMIT_PER_MINUTE = '60';
    stack = await startSandboxStack({ sandbox: { seed: { customers: 40 } } });
    corpId = stack.sandbox.corp.corpId;
    await request(stack.url).post(`/api/admin/sync/${corpId}`).set(stack.auth()).expect(202);
    await waitFor(
      'the sync to finish',
      async () => {
        const runs = (
          await request(stack.url).get(`/api/admin/sync/${corpId}`).set(stack.auth()).expect(200)
        ).body;
        return runs[0]?.status === 'done' ? true : undefined;
      },
      120_000,
    );
  });

  afterAll(async () => {
    delete process.env.SIDEBAR_RATE_LIMIT_PER_MINUTE;
    await stack?.close();
  });

  /** What WeCom does when the guide opens the sidebar: redirect back with a one-time code. */
  const oauthCode = async (userid: string) => {
    const res = await request(stack.sandbox.url)
      .get('/connect/oauth2/sandbox-login')
      .query({ userid, redirect_uri: 'http://127.0.0.1:5174/', state: 's1', scope: 'snsapi_base' })
      .redirects(0);
    return new URL(res.headers.location).searchParams.get('code')!;
  };
  const signIn = async (userid: string): Promise<string> =>
    (
      await request(stack.url)
        .post('/api/sidebar/session')
        .send({ code: await oauthCode(userid) })
        .expect(200)
    ).body.token;
  const guides = () =>
    stack.sandbox.state.userList.filter(
      (u) => stack.sandbox.state.isActive(u) && u.customerContact,
    );
  /** A guide with customers, and a customer of the corp they do not follow. */
  const guideWithCustomers = () => {
    const state = stack.sandbox.state;
    const guide = guides().find((u) => state.followsOfUser(u.userid).length > 1)!;
    const mine = new Set(state.followsOfUser(guide.userid).map((f) => f.external_userid));
    const other = guides()
      .flatMap((u) => state.followsOfUser(u.userid))
      .find((f) => !mine.has(f.external_userid))!;
    return { guide, mine: [...mine], otherCustomer: other.external_userid };
  };

  it('exchanges a code once, names the guide, and answers /me with the app to register', async () => {
    const guide = guides()[0];
    const code = await oauthCode(guide.userid);
    const res = await request(stack.url).post('/api/sidebar/session').send({ code }).expect(200);
    expect(res.body.staff).toEqual({ userId: guide.userid, name: guide.name, corpId });
    expect(res.body.expiresIn).toBe(1800);
    const again = await request(stack.url).post('/api/sidebar/session').send({ code }).expect(401);
    expect(again.body.code).toBe('SIDEBAR_CODE_INVALID');

    const me = await request(stack.url)
      .get('/api/sidebar/me')
      .set('Authorization', `Bearer ${res.body.token}`)
      .expect(200);
    expect(me.body).toEqual({
      staff: { userId: guide.userid, name: guide.name, corpId },
      corpName: stack.sandbox.corp.corpName,
      agentId: stack.sandbox.corp.agent.agentId,
      timeZone: 'Asia/Shanghai',
    });

    const renewed = await request(stack.url)
      .post('/api/sidebar/session/renew')
      .set('Authorization', `Bearer ${res.body.token}`)
      .expect(200);
    expect(renewed.body.staff.userId).toBe(guide.userid);
    const claims = jwt.decode(renewed.body.token) as Json;
    expect(claims.at).toBe((jwt.decode(res.body.token) as Json).at);
  });

  it('refuses a member without the customer-contact permission', async () => {
    const state = stack.sandbox.state;
    const noContact = state.userList.find((u) => state.isActive(u) && !u.customerContact)!;
    const res = await request(stack.url)
      .post('/api/sidebar/session')
      .send({ code: await oauthCode(noContact.userid) })
      .expect(403);
    expect(res.body.code).toBe('SIDEBAR_NO_CUSTOMER_CONTACT');
    expect(res.body.message).toContain('客户联系');
  });

  it('gives the OAuth link of the corp for the page, with its state', async () => {
    const res = await request(stack.url)
      .get('/api/sidebar/oauth-url')
      .query({ redirectUri: 'https://scrm.example.com/sidebar/?x=1', state: 'abcDEF123456' })
      .expect(200);
    const url = new URL(res.body.url);
    expect(url.pathname).toBe('/connect/oauth2/authorize');
    expect(url.searchParams.get('appid')).toBe(corpId);
    expect(url.searchParams.get('scope')).toBe('snsapi_base');
    expect(url.searchParams.get('state')).toBe('abcDEF123456');
    expect(url.searchParams.get('redirect_uri')).toBe('https://scrm.example.com/sidebar/?x=1');
    expect(url.hash).toBe('#wechat_redirect');
    const bad = await request(stack.url)
      .get('/api/sidebar/oauth-url')
      .query({ redirectUri: 'javascript:alert(1)', state: 'x' })
      .expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['redirectUri', 'state']);
  });

  it('401s a forged, an expired and a console token on sidebar routes', async () => {
    const { guide, mine } = guideWithCustomers();
    const secret = process.env.JWT_SECRET!;
    const forged = jwt.sign({ sub: guide.userid, corpId, aud: 'sidebar' }, 'not-the-secret');
    const expired = jwt.sign(
      { sub: guide.userid, corpId, aud: 'sidebar', exp: Math.floor(Date.now() / 1000) - 10 },
      secret,
    );
    for (const path of [
      '/api/sidebar/me',
      `/api/sidebar/customers/${mine[0]}`,
      '/api/sidebar/jssdk/config-signature?url=https://x.example.com/',
    ]) {
      for (const token of [forged, expired, stack.token, 'garbage']) {
        const res = await request(stack.url).get(path).set('Authorization', `Bearer ${token}`);
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
      }
      expect((await request(stack.url).get(path)).status).toBe(401);
    }
  });

  it('signs both JS-SDK configs with their own ticket, for the URL without its hash', async () => {
    const token = await signIn(guides()[0].userid);
    const url = 'https://scrm.example.com/sidebar/?corpId=ww1&entry=x#/customer';
    const tickets = stack.sandbox.state.tokens;
    for (const [path, kind] of [
      ['config-signature', 'corp'],
      ['agent-config-signature', 'agent_config'],
    ] as const) {
      const res = await request(stack.url)
        .get(`/api/sidebar/jssdk/${path}`)
        .query({ url })
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const { ticket } = tickets.ticket(kind);
      expect(res.body.signature).toBe(
        getJsApiSignature({
          url: 'https://scrm.example.com/sidebar/?corpId=ww1&entry=x',
          ticket,
          nonceStr: res.body.nonceStr,
          timestamp: res.body.timestamp,
        }).signature,
      );
    }
  });

  it("shows the guide's own customer with channel, followers and tags; another's is a 404", async () => {
    const { guide, mine, otherCustomer } = guideWithCustomers();
    const token = await signIn(guide.userid);
    const auth = { Authorization: `Bearer ${token}` };
    const res = await request(stack.url)
      .get(`/api/sidebar/customers/${mine[0]}`)
      .set(auth)
      .expect(200);
    const follow = stack.sandbox.state.getFollow(guide.userid, mine[0])!;
    expect(res.body.customer.externalUserId).toBe(mine[0]);
    expect(res.body.relation.remark).toBe(follow.remark);
    expect(res.body.relation.addWay).toBe(follow.add_way);
    const tagIds = res.body.tagGroups.flatMap((g: Json) => g.tags.map((t: Json) => t.tagId));
    expect(tagIds.sort()).toEqual([...follow.tagIds].sort());
    expect(res.body.followers.map((f: Json) => f.userId)).not.toContain(guide.userid);

    for (const id of [otherCustomer, 'wmNoSuchCustomer000']) {
      const refused = await request(stack.url)
        .get(`/api/sidebar/customers/${id}`)
        .set(auth)
        .expect(404);
      expect(refused.body.code).toBe('SIDEBAR_CUSTOMER_NOT_FOUND');
      await request(stack.url)
        .post(`/api/sidebar/customers/${id}/follow-ups`)
        .set(auth)
        .send({ kind: 'note', content: 'x' })
        .expect(404);
    }
  });

  it('adds and removes a tag through WeCom, on the timeline at once', async () => {
    const { guide, mine } = guideWithCustomers();
    const auth = { Authorization: `Bearer ${await signIn(guide.userid)}` };
    const follow = stack.sandbox.state.getFollow(guide.userid, mine[1])!;
    const tags = (await request(stack.url).get('/api/sidebar/tags').set(auth).expect(200)).body;
    const tag = tags
      .flatMap((g: Json) => g.tags)
      .find((t: Json) => !follow.tagIds.includes(t.tagId));
    const added = await request(stack.url)
      .put(`/api/sidebar/customers/${mine[1]}/tags`)
      .set(auth)
      .send({ add: [tag.tagId], remove: [] })
      .expect(200);
    expect(stack.sandbox.state.getFollow(guide.userid, mine[1])!.tagIds).toContain(tag.tagId);
    const mark = added.body.tagGroups
      .flatMap((g: Json) => g.tags)
      .find((t: Json) => t.tagId === tag.tagId);
    expect(mark).toMatchObject({ source: 'manual', actor: guide.userid });
    expect(added.body.timeline[0]).toMatchObject({ kind: 'tag_added', userId: guide.userid });

    await request(stack.url)
      .put(`/api/sidebar/customers/${mine[1]}/tags`)
      .set(auth)
      .send({ add: [], remove: [tag.tagId] })
      .expect(200);
    expect(stack.sandbox.state.getFollow(guide.userid, mine[1])!.tagIds).not.toContain(tag.tagId);

    const bad = await request(stack.url)
      .put(`/api/sidebar/customers/${mine[1]}/tags`)
      .set(auth)
      .send({ add: ['etNoSuchTag'], remove: [] })
      .expect(400);
    expect(Object.keys(bad.body.errors)).toEqual(['add']);
  });

  it('writes a follow-up with a next date: on the timeline and in the console', async () => {
    const { guide, mine } = guideWithCustomers();
    const auth = { Authorization: `Bearer ${await signIn(guide.userid)}` };
    const created = await request(stack.url)
      .post(`/api/sidebar/customers/${mine[0]}/follow-ups`)
      .set(auth)
      .send({
        kind: 'follow_up',
        content: '想要一款浅色沙发',
        nextFollowUpAt: '2026-12-08T10:00:00+08:00',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      kind: 'follow_up',
      content: '想要一款浅色沙发',
      userId: guide.userid,
      nextFollowUpAt: '2026-12-08T02:00:00.000Z',
    });
    const profile = (
      await request(stack.url).get(`/api/sidebar/customers/${mine[0]}`).set(auth).expect(200)
    ).body;
    expect(profile.followUps[0].id).toBe(created.body.id);
    expect(profile.timeline[0]).toMatchObject({
      kind: 'follow_up_added',
      detail: { followUpId: created.body.id, content: '想要一款浅色沙发' },
    });
    const consoleList = (
      await request(stack.url)
        .get(`/api/admin/follow-ups/${corpId}/${mine[0]}`)
        .set(stack.auth())
        .expect(200)
    ).body;
    expect(consoleList[0]).toMatchObject({ id: created.body.id, staffName: guide.name });
    const timeline = (
      await request(stack.url)
        .get(`/api/admin/customers/${corpId}/${mine[0]}/timeline`)
        .set(stack.auth())
        .expect(200)
    ).body;
    expect(timeline[0].kind).toBe('follow_up_added');

    const bad = await request(stack.url)
      .post(`/api/sidebar/customers/${mine[0]}/follow-ups`)
      .set(auth)
      .send({ kind: 'gossip', content: '', nextFollowUpAt: 'soon' })
      .expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['content', 'kind', 'nextFollowUpAt']);
  });

  it('opens a group the guide is in; a group they are not in is a 404', async () => {
    const state = stack.sandbox.state;
    const chat = state.groupChatList.find(
      (c) => !c.dismissed && state.isActive(state.users.get(c.owner)),
    )!;
    const owner = chat.owner;
    const res = await request(stack.url)
      .get(`/api/sidebar/groups/${chat.chat_id}`)
      .set('Authorization', `Bearer ${await signIn(owner)}`)
      .expect(200);
    expect(res.body).toMatchObject({ chatId: chat.chat_id, name: chat.name, ownerUserId: owner });
    const customers = [...chat.members.values()].filter((m) => m.type === 2);
    expect(res.body.customerCount).toBe(customers.length);
    // each customer member with their effective tags: the union over who follows them in WeCom
    const tagsInWecom = (ext: string) =>
      [
        ...new Set(
          [...state.follows.values()]
            .filter((f) => f.external_userid === ext)
            .flatMap((f) => f.tagIds),
        ),
      ].sort();
    const shown = res.body.customers as Array<{
      externalUserId: string;
      tags: Array<{ tagId: string }>;
    }>;
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.some((c) => c.tags.length > 0)).toBe(true);
    for (const c of shown)
      expect({ c: c.externalUserId, tags: c.tags.map((t) => t.tagId).sort() }).toEqual({
        c: c.externalUserId,
        tags: tagsInWecom(c.externalUserId),
      });

    const outsider = guides().find((u) => u.userid !== owner && !chat.members.has(u.userid))!;
    const refused = await request(stack.url)
      .get(`/api/sidebar/groups/${chat.chat_id}`)
      .set('Authorization', `Bearer ${await signIn(outsider.userid)}`)
      .expect(404);
    expect(refused.body.code).toBe('SIDEBAR_GROUP_NOT_FOUND');
  });

  it('limits requests per session, not per address', async () => {
    const [a, b] = guides();
    const tokenA = await signIn(a.userid);
    const tokenB = await signIn(b.userid);
    let limited = 0;
    for (let i = 0; i < 61; i++) {
      const res = await request(stack.url)
        .get('/api/sidebar/me')
        .set('Authorization', `Bearer ${tokenA}`);
      if (res.status === 429) limited++;
    }
    expect(limited).toBeGreaterThan(0);
    await request(stack.url)
      .get('/api/sidebar/me')
      .set('Authorization', `Bearer ${tokenB}`)
      .expect(200);
  });
});
