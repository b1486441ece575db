import type { RunningSandbox } from '@scrm/wecom-sandbox';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ChatArchiveService } from '../../src/chat-archive/chat-archive.service';
import { TagSource } from '../../src/tags/entities/customer-tag.entity';
import { TagMarkService } from '../../src/tags/tag-mark.service';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/**
 * The chat archive and chat rules against the sandbox: a sidecar's batches (auth, idempotent
 * under replays and out-of-order batches, 1,000 at once, last chat times), the puller by seq woken
 * by msgaudit_notify, the rules (segmentation, exclusions, group vs private, evidence, a mark
 * removed by hand not re-added, back-apply with progress, dry run), history and retention.
 */
describe('chat archive (会话内容存档) and chat rules against the sandbox', () => {
  let stack: SandboxStack;
  let sandbox: RunningSandbox;
  let db: DataSource;
  let url: string;
  let corpId: string;
  let ingestToken: string;
  const auth = () => stack.auth();
  const api = () => request(url);

  /** Active relations (staff with customer contact) and tags, from the sandbox (WeCom's truth). */
  let pairs: Array<{ ext: string; user: string }>;
  let tagA: string;
  let tagB: string;
  let t0: number;
  let n = 0;
  const msg = (
    from: string,
    to: string[],
    content: string,
    over: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    msgid: `e2e_${Date.now()}_${++n}_external`,
    action: 'send',
    from,
    tolist: to,
    roomid: '',
    msgtime: t0 + n * 1000,
    msgtype: 'text',
    text: { content },
    ...over,
  });
  const ingest = (messages: unknown[], token = ingestToken) =>
    api()
      .post('/api/chat-archive/messages')
      .set('Authorization', `Bearer ${token}`)
      .send({ messages });
  const marksOf = (ext: string, user: string) =>
    db.query(
      `SELECT tag_id AS tagId, source, actor, evidence FROM customer_tag
       WHERE corp_id = ? AND external_user_id = ? AND user_id = ? ORDER BY tag_id`,
      [corpId, ext, user],
    ) as Promise<Array<{ tagId: string; source: string; actor: string; evidence: string }>>;
  const hasTag = async (ext: string, user: string, tag: string) =>
    (await marksOf(ext, user)).some((m) => m.tagId === tag);
  const sandboxHasTag = (ext: string, user: string, tag: string) =>
    [...sandbox.state.follows.values()].some(
      (f) => f.external_userid === ext && f.userid === user && f.tagIds.includes(tag),
    );
  const pending = async () =>
    Number(
      (
        await db.query(
          `SELECT COUNT(*) AS n FROM chat_message m
           WHERE m.corp_id = ? AND m.id > COALESCE(
             (SELECT last_id FROM chat_archive_pass p WHERE p.corp_id = m.corp_id), 0)`,
          [corpId],
        )
      )[0].n,
    );
  const rulesDone = () =>
    waitFor(
      'the rules to run on every message',
      async () => ((await pending()) === 0 ? true : undefined),
      30_000,
    );
  const createRule = async (body: Record<string, unknown>) =>
    (
      await api()
        .post('/api/admin/chat-rules')
        .set(auth())
        .send({
          corpId,
          matchMode: 'any',
          segmentation: true,
          senders: ['customer'],
          chatTypes: ['private', 'group'],
          ...body,
        })
        .expect(201)
    ).body;

  /** Back-applies a rule and waits until its job completed: the job's last status. */
  const backApply = async (ruleId: string) => {
    const job = (
      await api()
        .post(`/api/admin/chat-rules/${ruleId}/back-apply`)
        .set(auth())
        .send({ corpId })
        .expect(202)
    ).body;
    return waitFor(
      'the back-apply',
      async () => {
        const s = (
          await api()
            .get(`/api/admin/chat-rules/${ruleId}/back-apply/${job.jobId}`)
            .query({ corpId })
            .set(auth())
            .expect(200)
        ).body;
        return s.state === 'completed' ? s : undefined;
      },
      60_000,
    );
  };

  beforeAll(async () => {
    process.env.CHAT_ARCHIVE_PULL_ENABLED = 'true';
    stack = await startSandboxStack({ sandbox: { seed: { customers: 150, random: 7 } } });
    ({ sandbox, db, url } = stack);
    corpId = sandbox.corp.corpId;
    await api().post(`/api/admin/sync/${corpId}`).set(auth()).expect(202);
    await waitFor(
      'the full sync',
      async () => {
        const [r] = (await api().get(`/api/admin/sync/${corpId}`).set(auth()).expect(200)).body;
        return r && r.status === 'done' ? r : undefined;
      },
      120_000,
    );
    const st = sandbox.state;
    const contact = new Set(
      st.userList.filter((u) => st.isActive(u) && u.customerContact).map((u) => u.userid),
    );
    const seen = new Set<string>();
    pairs = [];
    for (const f of st.follows.values())
      if (contact.has(f.userid) && !seen.has(f.external_userid) && !f.tagIds.length) {
        seen.add(f.external_userid);
        pairs.push({ ext: f.external_userid, user: f.userid });
      }
    [tagA, tagB] = [...st.tags.keys()];
    t0 = Date.now() - 3600_000;
    expect(pairs.length).toBeGreaterThan(12);
  }, 180_000);

  afterAll(async () => {
    delete process.env.CHAT_ARCHIVE_PULL_ENABLED;
    await stack?.close();
  });

  it('the puller reads the sandbox archive by seq after msgaudit_notify, each message once', async () => {
    const before = sandbox.state.archive.length; // the seeded messages
    expect(before).toBeGreaterThan(100);
    const { ext, user } = pairs[0];
    const sent = await stack.act('/archive/messages', { from: ext, to: user, content: '在吗？' });
    expect(sent.seq).toBe(before + 1);
    const stored = await waitFor(
      'the pull',
      async () => {
        const [r] = await db.query(
          'SELECT COUNT(*) AS n, MAX(seq) AS seq FROM chat_message WHERE corp_id = ?',
          [corpId],
        );
        return Number(r.n) === before + 1 ? r : undefined;
      },
      30_000,
    );
    expect(Number(stored.seq)).toBe(before + 1);
    const settings = (
      await api().get('/api/admin/chat-archive/settings').query({ corpId }).set(auth()).expect(200)
    ).body;
    expect(settings).toMatchObject({ pullSeq: before + 1, messageCount: before + 1 });
    // the notify event reached the server as a WeCom callback
    expect(sandbox.state.callbackDeliveries.some((d) => d.event === 'msgaudit_notify')).toBe(true);
  });

  it('a sidecar needs its corp’s ingest token; a bad message is refused by name', async () => {
    await ingest([msg('wmX', ['lina'], 'x')], 'cat_not-a-valid-token-at-all').expect(401);
    ingestToken = (
      await api()
        .post('/api/admin/chat-archive/ingest-token')
        .set(auth())
        .send({ corpId })
        .expect(201)
    ).body.token;
    expect(ingestToken).toMatch(/^cat_/);
    const settings = (
      await api().get('/api/admin/chat-archive/settings').query({ corpId }).set(auth()).expect(200)
    ).body;
    expect(settings.hasIngestToken).toBe(true);
    expect(JSON.stringify(settings)).not.toContain(ingestToken);
    const res = await ingest([
      msg('wmX', ['lina'], 'ok'),
      { ...msg('wmX', ['lina'], 'x'), msgid: '' },
    ]).expect(400);
    expect(res.body.errors['messages[1].msgid']).toBeDefined();
  });

  it('ingestion: 1,000 in one request, replays and out-of-order batches harmless, last chat kept', async () => {
    const { ext, user } = pairs[1];
    const batch = Array.from({ length: 1000 }, (_, i) =>
      i % 2 ? msg(user, [ext], `回复 ${i}`) : msg(ext, [user], `消息 ${i}`),
    );
    expect((await ingest(batch).expect(200)).body).toEqual({
      received: 1000,
      inserted: 1000,
      duplicates: 0,
    });
    // most of the same batch again, reversed, with 10 new (older) messages mixed in
    const older = Array.from({ length: 10 }, (_, i) =>
      msg(ext, [user], `更早 ${i}`, { msgtime: t0 - 86400_000 + i }),
    );
    const replay = [...batch].reverse().slice(0, 990).concat(older);
    expect((await ingest(replay).expect(200)).body).toEqual({
      received: 1000,
      inserted: 10,
      duplicates: 990,
    });
    const [row] = await db.query(
      `SELECT COUNT(*) AS n FROM chat_message WHERE corp_id = ? AND msgid IN (?)`,
      [corpId, replay.map((m) => m.msgid)],
    );
    expect(Number(row.n)).toBe(1000);
    const newest = Math.max(...batch.map((m) => m.msgtime as number));
    // the last chat is recorded by the worker's pass, with the rules
    await rulesDone();
    const lastChat = async () =>
      (
        await db.query(
          'SELECT last_chat_at AS t FROM customer WHERE corp_id = ? AND external_user_id = ?',
          [corpId, ext],
        )
      )[0].t as Date;
    expect((await lastChat()).getTime()).toBe(newest);
    // history: newest first, paged, admins only
    const page1 = (
      await api()
        .get(`/api/admin/chat-archive/customers/${ext}/messages`)
        .query({ corpId, limit: 3 })
        .set(auth())
        .expect(200)
    ).body;
    expect(page1.items.map((m: { text: string }) => m.text)).toEqual([
      '回复 999',
      '消息 998',
      '回复 997',
    ]);
    const page2 = (
      await api()
        .get(`/api/admin/chat-archive/customers/${ext}/messages`)
        .query({ corpId, limit: 3, cursor: page1.nextCursor })
        .set(auth())
        .expect(200)
    ).body;
    expect(page2.items[0].text).toBe('消息 996');
    await rulesDone();
  });

  let rule: { id: string; name: string };

  it('a rule marks its tag on the chat’s relation, with the sentence as evidence, in WeCom too', async () => {
    rule = await createRule({
      name: '奶粉意向',
      keywords: ['奶粉'],
      exclusions: ['不要'],
      tagIds: [tagA],
    });
    const [buy, pink, no, staffSays] = pairs.slice(2, 6);
    await ingest([
      msg(buy.ext, [buy.user], '我想买奶粉'),
      msg(pink.ext, [pink.user], '牛奶粉红色的包装好看'), // 奶粉 is not a word here
      msg(no.ext, [no.user], '奶粉我不要了'), // excluded
      msg(staffSays.user, [staffSays.ext], '奶粉到货了'), // a staff message: the rule is customers'
    ]).expect(200);
    await rulesDone();
    const marks = await marksOf(buy.ext, buy.user);
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ tagId: tagA, source: TagSource.ChatRule, actor: rule.id });
    const evidence =
      typeof marks[0].evidence === 'string' ? JSON.parse(marks[0].evidence) : marks[0].evidence;
    expect(evidence).toMatchObject({ ruleId: rule.id, ruleName: '奶粉意向', text: '我想买奶粉' });
    expect(typeof evidence.msgid).toBe('string');
    expect(typeof evidence.msgtime).toBe('number');
    expect(sandboxHasTag(buy.ext, buy.user, tagA)).toBe(true);
    for (const p of [pink, no, staffSays]) expect(await hasTag(p.ext, p.user, tagA)).toBe(false);
    const listed = (
      await api().get('/api/admin/chat-rules').query({ corpId }).set(auth()).expect(200)
    ).body;
    expect(listed.find((r: { id: string }) => r.id === rule.id).hitCount).toBe(1);
  });

  it('group vs private scope: a private-only rule ignores a group message; a group rule marks the sender with the staff in the group', async () => {
    const privateOnly = await createRule({
      name: '私聊尿布',
      keywords: ['尿布'],
      chatTypes: ['private'],
      tagIds: [tagB],
    });
    const groupRule = await createRule({
      name: '群聊尿布',
      keywords: ['尿布'],
      chatTypes: ['group'],
      tagIds: [tagA],
    });
    const [g] = pairs.slice(6, 7);
    const roomid = [...sandbox.state.groupChats.keys()][0];
    await ingest([msg(g.ext, [g.user, 'wmSomeoneElse'], '有尿布吗', { roomid })]).expect(200);
    await rulesDone();
    expect(await hasTag(g.ext, g.user, tagB)).toBe(false);
    expect(await hasTag(g.ext, g.user, tagA)).toBe(true);
    const marks = await marksOf(g.ext, g.user);
    expect(marks.find((m) => m.tagId === tagA)?.actor).toBe(groupRule.id);
    await api()
      .put(`/api/admin/chat-rules/${privateOnly.id}/enabled`)
      .set(auth())
      .send({ corpId, enabled: false })
      .expect(200);
    await api()
      .put(`/api/admin/chat-rules/${groupRule.id}/enabled`)
      .set(auth())
      .send({ corpId, enabled: false })
      .expect(200);
  });

  it('a mark removed by hand is not re-added from messages sent before the removal, by any rule', async () => {
    const p = pairs[2]; // marked by 奶粉意向 above
    expect(await hasTag(p.ext, p.user, tagA)).toBe(true);
    const marks = stack.app.get(TagMarkService);
    await marks.unmark({
      corpId,
      relations: [{ externalUserId: p.ext, userId: p.user }],
      tagIds: [tagA],
      source: TagSource.Manual,
      actor: 'admin',
    });
    expect(await hasTag(p.ext, p.user, tagA)).toBe(false);
    // an older message (a late batch), said before the removal: nothing
    await ingest([msg(p.ext, [p.user], '以前问过奶粉', { msgtime: t0 - 1000 })]).expect(200);
    await rulesDone();
    expect(await hasTag(p.ext, p.user, tagA)).toBe(false);
    // the back-apply of the same rule and of a new rule on the same tag, over the messages sent
    // before the removal: nothing either
    const other = await createRule({
      name: '奶粉二',
      keywords: ['奶粉'],
      exclusions: ['不要'],
      tagIds: [tagA],
    });
    await backApply(rule.id);
    const otherRun = await backApply(other.id);
    expect(otherRun.matched).toBeGreaterThan(0); // it did see the old 奶粉 messages
    expect(otherRun.marked).toBe(0);
    expect(await hasTag(p.ext, p.user, tagA)).toBe(false);
    expect(sandboxHasTag(p.ext, p.user, tagA)).toBe(false);
    await api()
      .delete(`/api/admin/chat-rules/${other.id}`)
      .query({ corpId })
      .set(auth())
      .expect(204);
    // a message sent after the removal is a new decision of the customer's: marked again, with
    // that message as the evidence
    await ingest([msg(p.ext, [p.user], '还是想要奶粉', { msgtime: Date.now() })]).expect(200);
    await rulesDone();
    const [again] = (await marksOf(p.ext, p.user)).filter((m) => m.tagId === tagA);
    expect(again).toMatchObject({ source: 'chat_rule', actor: String(rule.id) });
    expect(JSON.stringify(again.evidence)).toContain('还是想要奶粉');
  });

  it('a new rule back-applied to past messages marks them, with progress; the dry run shows the same', async () => {
    const [a, b] = pairs.slice(7, 9);
    await ingest([msg(a.ext, [a.user], '我要退货'), msg(b.ext, [b.user], '退货怎么弄')]).expect(
      200,
    );
    await rulesDone();
    const refund = await createRule({ name: '退货', keywords: ['退货'], tagIds: [tagB] });
    expect(await hasTag(a.ext, a.user, tagB)).toBe(false); // rules run on new messages only
    const dry = (
      await api()
        .post('/api/admin/chat-rules/dry-run')
        .set(auth())
        .send({ corpId, ruleId: refund.id, limit: 100 })
        .expect(200)
    ).body;
    expect(dry.items.map((i: { text: string }) => i.text)).toEqual(
      expect.arrayContaining(['我要退货', '退货怎么弄']),
    );
    expect(dry.tagCounts[tagB]).toBe(dry.matched);
    const done = await backApply(refund.id);
    expect(done.progress).toBe(100);
    expect(done.scanned).toBeGreaterThan(1000);
    expect(done.marked).toBeGreaterThanOrEqual(2);
    expect(await hasTag(a.ext, a.user, tagB)).toBe(true);
    expect(await hasTag(b.ext, b.user, tagB)).toBe(true);
  });

  it('the live test box answers for an unsaved rule', async () => {
    const body = {
      name: 't',
      matchMode: 'any',
      keywords: ['奶粉'],
      segmentation: true,
      senders: ['customer'],
      chatTypes: ['private'],
      tagIds: [tagA],
    };
    const yes = (
      await api()
        .post('/api/admin/chat-rules/test')
        .set(auth())
        .send({ rule: body, text: '我想买奶粉' })
        .expect(200)
    ).body;
    expect(yes).toMatchObject({ matched: true, keywords: ['奶粉'] });
    expect(yes.words).toEqual(['我', '想', '买', '奶粉']);
    const no = (
      await api()
        .post('/api/admin/chat-rules/test')
        .set(auth())
        .send({ rule: body, text: '牛奶粉红色' })
        .expect(200)
    ).body;
    expect(no.matched).toBe(false);
    await api()
      .post('/api/admin/chat-rules/test')
      .set(auth())
      .send({ rule: { ...body, keywords: [] }, text: 'x' })
      .expect(400);
  });

  it('a rule matching a tag the relation has from a weaker source takes the mark over (no WeCom call); a stronger mark stays', async () => {
    expect(pairs.length).toBeGreaterThan(14);
    const tagC = [...sandbox.state.tags.keys()][2];
    const marks = stack.app.get(TagMarkService);
    const cases = [
      { p: pairs[9], source: TagSource.Channel, actor: 'channel:1', text: '想买面霜' },
      { p: pairs[10], source: TagSource.Wecom, actor: null, text: '面霜有货吗' },
      { p: pairs[11], source: TagSource.Sync, actor: null, text: '面霜怎么用' },
      { p: pairs[12], source: TagSource.Manual, actor: 'admin', text: '面霜多少钱' },
      { p: pairs[13], source: TagSource.Import, actor: 'admin', text: '面霜还有吗' },
    ];
    for (const { p, source, actor } of cases)
      await marks.mark({
        corpId,
        relations: [{ externalUserId: p.ext, userId: p.user }],
        tagIds: [tagC],
        source,
        actor,
        ref: `e2e-${source}-${p.ext}`,
      });
    const rule = await createRule({ name: '面霜意向', keywords: ['面霜'], tagIds: [tagC] });
    const markCalls = () => sandbox.state.apiCallsByPath.get('externalcontact/mark_tag') ?? 0;
    const callsBefore = markCalls();
    await ingest(cases.map(({ p, text }) => msg(p.ext, [p.user], text))).expect(200);
    await rulesDone();
    expect(markCalls()).toBe(callsBefore); // every tag is on its relation in WeCom already
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    for (const { p, source, actor, text } of cases) {
      const [mark] = (await marksOf(p.ext, p.user)).filter((m) => m.tagId === tagC);
      const drawer = (
        await api()
          .get('/api/admin/chat-rules/customer-marks')
          .query({ corpId, externalUserId: p.ext })
          .set(auth())
          .expect(200)
      ).body as Array<{ tagId: string; text: string; ruleId: string }>;
      const timeline = (
        await db.query(
          `SELECT detail FROM customer_timeline WHERE corp_id = ? AND external_user_id = ?
             AND user_id = ? AND kind = 'tag_added'`,
          [corpId, p.ext, p.user],
        )
      ).map((r: { detail: unknown }) => json(r.detail));
      const byRule = timeline.filter(
        (d: { source: string; actor: string }) => d.source === 'chat_rule' && d.actor === rule.id,
      );
      if (source === TagSource.Manual || source === TagSource.Import) {
        // a person's (or an import's) decision outranks the rule: the mark stays theirs
        expect(mark).toMatchObject({ source, actor });
        expect(drawer.filter((d) => d.tagId === tagC)).toEqual([]);
        expect(byRule).toEqual([]);
        continue;
      }
      expect(mark).toMatchObject({ source: TagSource.ChatRule, actor: rule.id });
      expect(json(mark.evidence)).toMatchObject({ ruleId: rule.id, ruleName: '面霜意向', text });
      expect(drawer.filter((d) => d.tagId === tagC)).toEqual([
        expect.objectContaining({ ruleId: rule.id, text }),
      ]);
      expect(byRule).toEqual([expect.objectContaining({ tagIds: [tagC] })]);
      expect(sandboxHasTag(p.ext, p.user, tagC)).toBe(true);
    }
    const listed = (
      await api().get('/api/admin/chat-rules').query({ corpId }).set(auth()).expect(200)
    ).body;
    expect(listed.find((r: { id: string }) => r.id === rule.id).hitCount).toBe(cases.length);
  });

  it('retention deletes messages older than the corp’s setting', async () => {
    const { ext, user } = pairs[10];
    await ingest([msg(ext, [user], '很久以前', { msgtime: Date.now() - 40 * 86400_000 })]).expect(
      200,
    );
    await api()
      .put('/api/admin/chat-archive/settings')
      .set(auth())
      .send({ corpId, retentionDays: 30 })
      .expect(200);
    await api()
      .put('/api/admin/chat-archive/settings')
      .set(auth())
      .send({ corpId, retentionDays: 0 })
      .expect(400);
    const deleted = await stack.app.get(ChatArchiveService).enforceRetention();
    expect(deleted).toBeGreaterThanOrEqual(1);
    const [r] = await db.query(
      'SELECT COUNT(*) AS n FROM chat_message WHERE corp_id = ? AND msgtime < ?',
      [corpId, Date.now() - 30 * 86400_000],
    );
    expect(Number(r.n)).toBe(0);
  });
});
