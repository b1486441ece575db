import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { RunningSandbox } from '@scrm/wecom-sandbox';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { TagService } from '../../src/tags/tag.service';
import { waitFor } from '../support/processes';
import { mirrorSandboxStaff, SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/**
 * Moments (客户朋友圈) end to end against the sandbox: the API process (no worker) and a separate
 * worker app on the same database and Bull prefix. A moment to two members' customers with
 * images is created in WeCom, published by both in the sandbox, commented and liked, and its
 * results converge; WeCom's content and tag rules are 400s. A worker process SIGKILLed before the
 * scheduled time or right after add_moment_task: moments-crash.e2e-spec.ts.
 */
describe('moments (客户朋友圈) against the sandbox', () => {
  let stack: SandboxStack;
  let sandbox: RunningSandbox;
  let db: DataSource;
  let worker: INestApplication | null = null;
  /** A small PNG; `n` makes each one different (the media store is content-addressed). */
  const png = (n: number) =>
    Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(256, n)]);
  const corpId = () => sandbox.corp.corpId;
  const api = () => request(stack.url);
  const auth = () => stack.auth();

  /** The worker: the same modules with the queue consumers, on the API's Bull prefix. */
  async function startWorker(): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.register({ withWorker: true })],
    }).compile();
    const app = moduleRef.createNestApplication({ bufferLogs: true });
    await app.init();
    return app;
  }

  const momentsWithText = (text: string) =>
    sandbox.state.momentList.filter((m) => m.text?.content === text);

  async function waitState(id: string, state: string, timeoutMs = 30000) {
    return waitFor(
      `moment ${id} ${state}`,
      async () => {
        const res = await api().get(`/api/admin/moments/${id}?corpId=${corpId()}`).set(auth());
        return res.body.state === state ? res.body : undefined;
      },
      timeoutMs,
    );
  }

  beforeAll(async () => {
    stack = await startSandboxStack({ withWorker: false });
    ({ sandbox, db } = stack);
    await mirrorSandboxStaff(stack);
    await stack.app.get(TagService).refreshAll(corpId());
    worker = await startWorker();
  });

  afterAll(async () => {
    await worker?.close();
    await stack?.close();
  });

  it('refuses what WeCom would refuse, naming the field in a sentence', async () => {
    const base = { corpId: corpId(), visible: { userIds: ['zhangwei'] } };
    const mixed = await api()
      .post('/api/admin/moments')
      .set(auth())
      .send({
        ...base,
        text: '混合附件',
        attachments: [
          { type: 'image', assetId: 'a1' },
          { type: 'video', assetId: 'v1' },
        ],
      })
      .expect(400);
    expect(mixed.body.errors.attachments[0]).toMatch(/附件类型不能混用/);

    const tooMany = await api()
      .post('/api/admin/moments')
      .set(auth())
      .send({
        ...base,
        attachments: Array.from({ length: 10 }, (_, i) => ({ type: 'image', assetId: `i${i}` })),
      })
      .expect(400);
    expect(tooMany.body.errors.attachments).toBeDefined();

    const long = await api()
      .post('/api/admin/moments')
      .set(auth())
      .send({ ...base, text: '字'.repeat(2001) })
      .expect(400);
    expect(long.body.errors.text[0]).toMatch(/最多 2000 个字/);

    const past = await api()
      .post('/api/admin/moments')
      .set(auth())
      .send({ ...base, text: '过去', scheduledAt: new Date(Date.now() - 60_000).toISOString() })
      .expect(400);
    expect(past.body.errors.scheduledAt[0]).toMatch(/future/);

    const empty = await api().post('/api/admin/moments').set(auth()).send(base).expect(400);
    expect(empty.body.errors.text[0]).toMatch(/正文或至少一个附件/);

    const noContact = await api()
      .post('/api/admin/moments')
      .set(auth())
      .send({ ...base, text: 'x', visible: { userIds: ['zhaolei'] } })
      .expect(400);
    expect(noContact.body.errors['visible.userIds'][0]).toMatch(/没有客户联系权限/);

    expect(await db.query('SELECT id FROM moment')).toEqual([]);
    await api().get(`/api/admin/moments?corpId=${corpId()}`).expect(401);
  });

  it('refuses a rule-group tag (规则组标签): the visible range takes corp tags only', async () => {
    // rule-group tags come from get_strategy_tag_list, never from get_corp_tag_list
    const corpTag = [...sandbox.state.tags.keys()][0];
    const res = await api()
      .post('/api/admin/moments')
      .set(auth())
      .send({
        corpId: corpId(),
        text: '规则组标签',
        visible: { tagIds: [corpTag, 'etSTRATEGYtag000000000001'] },
      })
      .expect(400);
    expect(res.body.errors['visible.tagIds'][0]).toMatch(/规则组标签/);
    expect(res.body.errors['visible.tagIds'][0]).toMatch(/etSTRATEGYtag000000000001/);
    expect(res.body.errors['visible.tagIds'][0]).not.toMatch(corpTag);
  });

  let momentPk: string;
  const text = '新品上市：秋季限定，到店有礼 🍂';

  it('creates a moment to two members’ customers with images, once, with its moment_id', async () => {
    const assetIds: string[] = [];
    for (const n of [1, 2, 3]) {
      const up = await api()
        .post(`/api/admin/media?corpId=${corpId()}&kind=image`)
        .set(auth())
        .attach('file', png(n), `秋季-${n}.png`)
        .expect(201);
      assetIds.push(String(up.body.id));
    }
    const jobsBefore = sandbox.state.momentJobs.size;
    const res = await api()
      .post('/api/admin/moments')
      .set(auth())
      .send({
        corpId: corpId(),
        title: '秋季新品',
        text,
        attachments: assetIds.map((assetId) => ({ type: 'image', assetId })),
        visible: { userIds: ['zhangwei', 'lina'] },
      })
      .expect(201);
    momentPk = res.body.id;
    expect(res.body).toMatchObject({ state: 'scheduled', title: '秋季新品' });
    const created = await waitState(momentPk, 'created');
    expect(created.momentId).toMatch(/^mom/);
    expect(created.warnings).toEqual([]);

    const [m] = momentsWithText(text);
    expect(momentsWithText(text)).toHaveLength(1);
    expect(sandbox.state.momentJobs.size).toBe(jobsBefore + 1);
    expect(m.moment_id).toBe(created.momentId);
    expect([...m.tasks.keys()].sort()).toEqual(['lina', 'zhangwei']);
    // each image went to WeCom through media/upload_attachment (attachment_type 1)
    const mediaIds = (m.attachments as Array<{ msgtype: string; image: { media_id: string } }>).map(
      (a) => (expect(a.msgtype).toBe('image'), a.image.media_id),
    );
    expect(new Set(mediaIds).size).toBe(3);
    for (const id of mediaIds) expect(sandbox.state.media.get(id)?.type).toBe('attachment:image');
  });

  it('pulls who published it, whom it was shown and sent to, comments and likes', async () => {
    const created = (
      await api().get(`/api/admin/moments/${momentPk}?corpId=${corpId()}`).set(auth())
    ).body;
    const mid = created.momentId as string;
    const zhangweiCustomers = sandbox.state.followsOfUser('zhangwei').map((f) => f.external_userid);
    const linaCustomers = sandbox.state.followsOfUser('lina').map((f) => f.external_userid);
    expect(zhangweiCustomers.length).toBeGreaterThan(1);

    // before anyone publishes: two members, nobody published
    await api()
      .post(`/api/admin/moments/${momentPk}/refresh?corpId=${corpId()}`)
      .set(auth())
      .expect(202);
    await waitFor('two pending members', async () => {
      const r = await api()
        .get(`/api/admin/moments/${momentPk}/results?corpId=${corpId()}`)
        .set(auth());
      return r.body.totals?.staff === 2 ? r.body : undefined;
    });

    await stack.act(`/moments/${mid}/publish`, {
      userid: 'zhangwei',
      notSentTo: [zhangweiCustomers[0]],
    });
    await stack.act(`/moments/${mid}/publish`, { userid: 'lina' });
    await stack.act(`/moments/${mid}/interact`, {
      userid: 'zhangwei',
      kind: 'comment',
      external_userid: zhangweiCustomers[1],
    });
    await stack.act(`/moments/${mid}/interact`, {
      userid: 'zhangwei',
      kind: 'like',
      external_userid: zhangweiCustomers[1],
    });
    await stack.act(`/moments/${mid}/interact`, {
      userid: 'lina',
      kind: 'like',
      from_userid: 'zhangwei',
    });

    await api()
      .post(`/api/admin/moments/${momentPk}/refresh?corpId=${corpId()}`)
      .set(auth())
      .expect(202);
    const results = await waitFor('the results', async () => {
      const r = await api()
        .get(`/api/admin/moments/${momentPk}/results?corpId=${corpId()}`)
        .set(auth());
      return r.body.totals?.published === 2 && r.body.totals.likes === 2 ? r.body : undefined;
    });
    expect(results.totals).toEqual({
      staff: 2,
      published: 2,
      visible: zhangweiCustomers.length + linaCustomers.length,
      sent: zhangweiCustomers.length - 1 + linaCustomers.length,
      comments: 1,
      likes: 2,
    });
    const zw = results.staff.find((s: { userId: string }) => s.userId === 'zhangwei');
    expect(zw).toMatchObject({
      publishStatus: 1,
      commentCount: 1,
      likeCount: 1,
      name: expect.any(String),
    });
    expect(results.interactions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userId: 'zhangwei',
          kind: 'comment',
          externalUserId: zhangweiCustomers[1],
        }),
        expect.objectContaining({
          userId: 'lina',
          kind: 'like',
          actorUserId: 'zhangwei',
          externalUserId: null,
        }),
      ]),
    );

    // a second pull adds nothing twice
    await api()
      .post(`/api/admin/moments/${momentPk}/refresh?corpId=${corpId()}`)
      .set(auth())
      .expect(202);
    await new Promise((r) => setTimeout(r, 1500));
    const again = await api()
      .get(`/api/admin/moments/${momentPk}/results?corpId=${corpId()}`)
      .set(auth());
    expect(again.body.totals).toEqual(results.totals);

    const page = await api()
      .get(`/api/admin/moments/${momentPk}/customers?corpId=${corpId()}&userId=zhangwei`)
      .set(auth())
      .expect(200);
    expect(page.body.items).toHaveLength(zhangweiCustomers.length);
    expect(
      page.body.items.find(
        (c: { externalUserId: string }) => c.externalUserId === zhangweiCustomers[0],
      ),
    ).toMatchObject({ visible: true, sent: false });
  });

  it('lists the members’ own moments read-only, and puts moments on the calendar', async () => {
    await stack.act('/moments/personal', { userid: 'lina', text: '今天店里到了新货' });
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const personal = await api()
      .get(`/api/admin/moments/personal?corpId=${corpId()}&from=${from}&to=${to}`)
      .set(auth())
      .expect(200);
    expect(personal.body).toEqual([
      expect.objectContaining({
        creator: 'lina',
        text: '今天店里到了新货',
        creatorName: expect.any(String),
      }),
    ]);
    const tooLong = await api()
      .get(
        `/api/admin/moments/personal?corpId=${corpId()}&from=${new Date(Date.now() - 40 * 86_400_000).toISOString()}&to=${to}`,
      )
      .set(auth())
      .expect(400);
    expect(tooLong.body.errors.to[0]).toMatch(/30 天/);

    const cal = await api()
      .get(`/api/admin/campaigns/calendar?corpId=${corpId()}&from=${from}&to=${to}`)
      .set(auth())
      .expect(200);
    expect(cal.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: momentPk,
          kind: 'moment',
          title: '秋季新品',
          phase: 'sent',
          link: `/moments/${momentPk}`,
        }),
      ]),
    );
  });

  it('edits and cancels a scheduled moment before its time; a cancelled one never reaches WeCom', async () => {
    const at = new Date(Date.now() + 3000).toISOString();
    const res = await api()
      .post('/api/admin/moments')
      .set(auth())
      .send({ corpId: corpId(), text: '会被取消', visible: { userIds: ['lina'] }, scheduledAt: at })
      .expect(201);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const edited = await api()
      .patch(`/api/admin/moments/${res.body.id}?corpId=${corpId()}`)
      .set(auth())
      .send({ text: '会被取消（改）', scheduledAt: later })
      .expect(200);
    expect(edited.body).toMatchObject({
      text: '会被取消（改）',
      scheduledAt: later,
      state: 'scheduled',
    });
    await api()
      .post(`/api/admin/moments/${res.body.id}/cancel?corpId=${corpId()}`)
      .set(auth())
      .expect(200);
    await api()
      .patch(`/api/admin/moments/${res.body.id}?corpId=${corpId()}`)
      .set(auth())
      .send({ text: '再改' })
      .expect(409);
    await new Promise((r) => setTimeout(r, 4000));
    expect(momentsWithText('会被取消')).toHaveLength(0);
    expect(momentsWithText('会被取消（改）')).toHaveLength(0);
  });
});
