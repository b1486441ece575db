import type { RunningSandbox } from '@scrm/wecom-sandbox';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

type Row = Record<string, unknown>;
const sorted = <T>(xs: T[], key: (x: T) => string) =>
  [...xs].sort((a, b) => key(a).localeCompare(key(b)));

/**
 * The mirror against the sandbox: a full sync of the demo corp ends with staff, departments,
 * tags, groups (with members) and follow relations equal to the sandbox's state; then admin
 * and customer actions in the sandbox reach the mirror by callbacks alone, and it is equal again.
 */
describe('mirror: full sync and callbacks (staff, departments, tags, groups)', () => {
  let stack: SandboxStack;
  let sandbox: RunningSandbox;
  let db: DataSource;
  let url: string;
  let token: string;
  let corpId: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const control = (path: string, body: object = {}) =>
    request(sandbox.url).post(`/sandbox${path}`).send(body).expect(200);

  beforeAll(async () => {
    stack = await startSandboxStack({ sandbox: { seed: { customers: 500, random: 1 } } });
    ({ sandbox, db, url, token } = stack);
    corpId = sandbox.corp.corpId;
  });

  afterAll(async () => {
    await stack?.close(); // the next suite starts from an emptied database (createTestApp)
  });

  // ------------------------------------------------------------------ what the sandbox holds

  const st = () => sandbox.state;
  const activeUsers = () => st().userList.filter((u) => st().isActive(u));

  const expectedStaff = () =>
    sorted(
      activeUsers().map((u) => ({
        userId: u.userid,
        name: u.name,
        departmentIds: u.department,
        position: u.position,
        customerContact: u.customerContact,
      })),
      (x) => x.userId,
    );
  const expectedDepartments = () =>
    sorted(
      [...st().departments.values()].map((d) => ({
        id: d.id,
        name: d.name,
        parentId: d.parentid,
        sortOrder: d.order,
      })),
      (x) => String(x.id).padStart(9, '0'),
    );
  const expectedTags = () =>
    sorted(
      [...st().tagGroups.values()].map((g) => ({
        groupId: g.group_id,
        name: g.group_name,
        tags: sorted(
          g.tagIds.map((id) => st().tags.get(id)!).map((t) => ({ tagId: t.id, name: t.name })),
          (x) => x.tagId,
        ),
      })),
      (x) => x.groupId,
    );
  const expectedGroups = () =>
    sorted(
      [...st().groupChats.values()]
        .filter((g) => !g.dismissed)
        .map((g) => ({
          chatId: g.chat_id,
          name: g.name,
          ownerUserId: g.owner,
          notice: g.notice,
          members: sorted(
            [...g.members.values()].map((m) => ({
              memberId: m.userid,
              type: m.type,
              joinScene: m.join_scene,
            })),
            (x) => x.memberId,
          ),
        })),
      (x) => x.chatId,
    );
  /** Relations of departed staff stay active: they wait for inheritance (离职继承). */
  const expectedFollows = () =>
    [...st().follows.values()].map((f) => `${f.userid}/${f.external_userid}`).sort();

  // ------------------------------------------------------------------ what the mirror holds

  /** Every active member, read 7 per page (keyset paging by userid). */
  const staffPages = async () => {
    const all: Row[] = [];
    for (let cursor = ''; ;) {
      const page: Row[] = (
        await request(url)
          .get(`/api/admin/staff`)
          .query({ corpId, departed: 'false', limit: 7, ...(cursor ? { cursor } : {}) })
          .set(auth())
          .expect(200)
      ).body;
      all.push(...page);
      if (page.length < 7) return all;
      cursor = String(page[page.length - 1].userId);
    }
  };
  const mirrorStaff = async () =>
    sorted(
      (await staffPages()).map((s: Row) => ({
        userId: s.userId,
        name: s.name,
        departmentIds: s.departmentIds,
        position: s.position,
        customerContact: s.customerContact,
      })),
      (x: Row) => String(x.userId),
    );
  const mirrorDepartments = async () =>
    sorted(
      (await request(url).get(`/api/admin/departments?corpId=${corpId}`).set(auth()).expect(200))
        .body as Row[],
      (x) => String(x.id).padStart(9, '0'),
    );
  const mirrorTags = async () =>
    sorted(
      (await request(url).get(`/api/admin/tags?corpId=${corpId}`).set(auth()).expect(200)).body.map(
        (g: Row & { tags: Row[] }) => ({
          groupId: g.groupId,
          name: g.name,
          tags: sorted(
            g.tags.map((t) => ({ tagId: t.tagId, name: t.name })),
            (x) => String(x.tagId),
          ),
        }),
      ),
      (x: Row) => String(x.groupId),
    );
  const mirrorGroups = async () => {
    const out: Row[] = [];
    let cursor = '';
    for (;;) {
      const page: Row[] = (
        await request(url)
          .get(`/api/admin/groups?corpId=${corpId}&limit=7${cursor ? `&cursor=${cursor}` : ''}`)
          .set(auth())
          .expect(200)
      ).body;
      for (const g of page) {
        const detail = (
          await request(url).get(`/api/admin/groups/${corpId}/${g.chatId}`).set(auth()).expect(200)
        ).body;
        out.push({
          chatId: detail.chatId,
          name: detail.name,
          ownerUserId: detail.ownerUserId,
          notice: detail.notice ?? '',
          members: sorted(
            (detail.members as Row[])
              .filter((m) => m.leftAt === null)
              .map((m) => ({ memberId: m.memberId, type: m.type, joinScene: m.joinScene })),
            (x) => String(x.memberId),
          ),
        });
      }
      if (page.length < 7) break;
      cursor = String(page[page.length - 1].chatId);
    }
    return sorted(out, (x) => String(x.chatId));
  };
  const mirrorFollows = async () =>
    (
      (await db.query(
        `SELECT CONCAT(user_id, '/', external_user_id) AS k FROM follow_relation
         WHERE corp_id = ? AND status = 'active'`,
        [corpId],
      )) as Array<{ k: string }>
    )
      .map((r) => r.k)
      .sort();

  const compareAll = async () => ({
    staff: [await mirrorStaff(), expectedStaff()],
    departments: [await mirrorDepartments(), expectedDepartments()],
    tags: [await mirrorTags(), expectedTags()],
    groups: [await mirrorGroups(), expectedGroups()],
    follows: [await mirrorFollows(), expectedFollows()],
  });

  /** Polls until every table equals the sandbox; on timeout the last difference is asserted. */
  const expectMirrorEqual = async (timeoutMs: number) => {
    let last: Awaited<ReturnType<typeof compareAll>> | undefined;
    await waitFor(
      'the mirror to equal the sandbox',
      async () => {
        last = await compareAll();
        return Object.values(last).every(([a, b]) => JSON.stringify(a) === JSON.stringify(b))
          ? true
          : undefined;
      },
      timeoutMs,
    ).catch(() => undefined);
    for (const [name, [mirror, sandboxSide]] of Object.entries(last!))
      expect({ [name]: mirror }).toEqual({ [name]: sandboxSide });
  };

  const latestRun = async () =>
    (await request(url).get(`/api/admin/sync/${corpId}`).set(auth()).expect(200)).body[0];

  it('a full sync of the demo corp makes the mirror equal to the sandbox', async () => {
    const first = await request(url).post(`/api/admin/sync/${corpId}`).set(auth()).expect(202);
    const second = await request(url).post(`/api/admin/sync/${corpId}`).set(auth()).expect(202);
    expect(second.body.jobId).toBe(first.body.jobId);
    const run = await waitFor(
      'the full sync to finish',
      async () => {
        const r = await latestRun();
        return r && r.status !== 'running' ? r : undefined;
      },
      120_000,
    );
    expect(run).toMatchObject({ status: 'done', phase: 'done' });
    expect(run.checkpoint.customers).toBeGreaterThanOrEqual(500);
    const runs = (await request(url).get(`/api/admin/sync/${corpId}`).set(auth()).expect(200)).body;
    expect(runs.filter((r: Row) => r.status === 'running')).toHaveLength(0);
    expect(
      runs.filter((r: Row) => Date.parse(String(r.startedAt)) >= Date.parse(run.startedAt)),
    ).toHaveLength(1);
    await expectMirrorEqual(5_000);
    // every relation the sync found is on its customer's timeline as added, at WeCom's createtime
    const [added] = await db.query(
      `SELECT COUNT(*) AS n, SUM(JSON_UNQUOTE(JSON_EXTRACT(detail, '$.discoveredBy')) = 'sync') AS bySync
       FROM customer_timeline WHERE corp_id = ? AND kind = 'added'`,
      [corpId],
    );
    expect(Number(added.n)).toBe(st().follows.size);
    expect(Number(added.bySync)).toBe(st().follows.size);
  });

  it('admin and customer actions in WeCom reach the mirror by callbacks alone', async () => {
    const customers = [...st().customers.keys()];
    const someStaff = activeUsers().filter((u) => u.customerContact);
    // address book
    await control('/users', { userid: 'fengxue', name: '冯雪', department: [4] });
    await control('/users/fengxue/update', { position: '店长', name: '冯雪儿' });
    const leaver = someStaff.find((u) => u.userid !== someStaff[0].userid)!.userid;
    await control(`/users/${leaver}/leave`);
    const dept = (await control('/departments', { name: '苏州店', parentid: 1 })).body.id;
    await control(`/departments/${dept}/update`, { name: '苏州观前店' });
    // tags
    const tg = (await control('/tags/groups', { groupName: '肤质', tags: ['干皮', '油皮'] })).body;
    await control(`/tags/${tg.groupId}/rename`, { name: '肤质类型' });
    await control('/tags', { groupId: tg.groupId, name: '混合皮' });
    await control(`/tags/${tg.tagIds[0]}/rename`, { name: '干性皮肤' });
    const oldGroup = [...st().tagGroups.values()].find((g) => g.group_id !== tg.groupId)!;
    await control(`/tags/${oldGroup.group_id}/delete`);
    await control('/tags/shuffle', { groupId: tg.groupId });
    // groups
    const owner = someStaff[0].userid;
    const chat = (
      await control('/groups', {
        ownerUserId: owner,
        name: '静安福利群',
        externalUserIds: customers.slice(0, 3),
      })
    ).body.chatId;
    // WeCom's details lag its events, so the mirror reads a chat ~2 s after each event: let each
    // change land before the next one, or the mirror never sees the in-between states
    const memberInMirror = (id: string) =>
      waitFor(
        `${id} in the new group in the mirror`,
        async () => {
          const res = await request(url).get(`/api/admin/groups/${corpId}/${chat}`).set(auth());
          return res.status === 200 &&
            res.body.members.some((m: Row) => m.memberId === id && m.leftAt === null)
            ? true
            : undefined;
        },
        15_000,
      );
    await memberInMirror(customers[0]);
    await control(`/groups/${chat}/join`, { externalUserId: customers[3], joinScene: 3 });
    await memberInMirror(customers[3]);
    await control(`/groups/${chat}/leave`, { externalUserId: customers[0], quitScene: 1 });
    await control(`/groups/${chat}/rename`, { name: '静安福利二群' });
    await control(`/groups/${chat}/notice`, { notice: '周五上新' });
    const seeded = [...st().groupChats.values()].filter((g) => !g.dismissed && g.chat_id !== chat);
    await control(`/groups/${seeded[0].chat_id}/dismiss`);
    await control(`/groups/${seeded[1].chat_id}/rename`, { name: '改名的群' });
    await st().callbacks.drain();

    await expectMirrorEqual(30_000);

    // details the tables above do not show
    // another event's re-read may mark the leaver first; the del_member job then adds QuitScene
    await waitFor('the leave with its quit scene and the timeline entries', async () => {
      const [left] = await db.query(
        'SELECT left_at, quit_scene FROM group_member WHERE corp_id = ? AND chat_id = ? AND member_id = ?',
        [corpId, chat, customers[0]],
      );
      const timeline: Array<{ kind: string; external_user_id: string }> = await db.query(
        `SELECT kind, external_user_id FROM customer_timeline WHERE corp_id = ?
         AND kind IN ('group_joined', 'group_left') AND JSON_UNQUOTE(JSON_EXTRACT(detail, '$.chatId')) = ?`,
        [corpId, chat],
      );
      const kinds = timeline.map((t) => `${t.kind}:${t.external_user_id}`).sort();
      const expected = [
        ...customers.slice(0, 4).map((c) => `group_joined:${c}`),
        `group_left:${customers[0]}`,
      ].sort();
      return left?.left_at &&
        left.quit_scene === 1 &&
        JSON.stringify(kinds) === JSON.stringify(expected)
        ? true
        : undefined;
    });
    const departed = (
      await request(url)
        .get(`/api/admin/staff?corpId=${corpId}&departed=true`)
        .set(auth())
        .expect(200)
    ).body.map((s: Row) => s.userId);
    expect(departed).toContain(leaver);
    const dismissed = await request(url)
      .get(`/api/admin/groups/${corpId}/${seeded[0].chat_id}`)
      .set(auth())
      .expect(200);
    expect(dismissed.body.dismissedAt).not.toBeNull();
  });

  it('a second full sync after the callbacks changes nothing and stays equal', async () => {
    const before = await latestRun();
    await request(url).post(`/api/admin/sync/${corpId}`).set(auth()).expect(202);
    await waitFor(
      'the second full sync to finish',
      async () => {
        const r = await latestRun();
        return r && r.id !== before.id && r.status !== 'running' ? r : undefined;
      },
      120_000,
    );
    expect((await latestRun()).status).toBe('done');
    await expectMirrorEqual(5_000);
    // relations the mirror already had get no second `added` entry from the second sync
    const [dup] = await db.query(
      `SELECT COUNT(*) AS n FROM (SELECT external_user_id, user_id FROM customer_timeline
         WHERE corp_id = ? AND kind = 'added' AND JSON_UNQUOTE(JSON_EXTRACT(detail, '$.discoveredBy')) = 'sync'
         GROUP BY external_user_id, user_id HAVING COUNT(*) > 1) d`,
      [corpId],
    );
    expect(Number(dup.n)).toBe(0);
  });
});
