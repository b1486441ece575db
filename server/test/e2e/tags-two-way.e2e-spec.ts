import request from 'supertest';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

type Row = Record<string, unknown>;

/**
 * Corp tags two-way against the sandbox: console → WeCom (add/edit/del_corp_tag, the mirror
 * written by the writer), WeCom → console (change_external_tag callbacks), WeCom's rules refused
 * before any call, a conflict ending in WeCom's state, a failed push kept and retried.
 */
describe('corp tags, two-way', () => {
  let stack: SandboxStack;
  let corpId: string;
  const api = () => request(stack.url);
  const st = () => stack.sandbox.state;
  const calls = (path: string) => st().apiCallsByPath.get(`externalcontact/${path}`) ?? 0;
  const library = async () =>
    (await api().get('/api/admin/tags/library').query({ corpId }).set(stack.auth()).expect(200))
      .body;
  const mirrorTag = async (tagId: string): Promise<Row | undefined> =>
    (
      await stack.db.query(
        'SELECT name, sort_order AS sortOrder, created_by_app AS byApp, deleted_at AS deletedAt FROM tag WHERE corp_id = ? AND tag_id = ?',
        [corpId, tagId],
      )
    )[0];

  beforeAll(async () => {
    stack = await startSandboxStack({ sandbox: { seed: { customers: 20 } } });
    corpId = stack.sandbox.corp.corpId;
    await api().post('/api/admin/tags/sync').set(stack.auth()).send({ corpId }).expect(200);
  });
  afterAll(() => stack?.close());

  let groupId: string;
  let tagIds: string[];

  it('a group created in the console is in the sandbox, and in the mirror as the app’s own', async () => {
    const res = await api()
      .post('/api/admin/tags/groups')
      .set(stack.auth())
      .send({ corpId, name: '购买意向', tags: [{ name: '高' }, { name: '中' }, { name: '低' }] })
      .expect(201);
    ({ groupId, tagIds } = res.body);
    const g = st().tagGroups.get(groupId)!;
    expect(g.group_name).toBe('购买意向');
    expect(g.tagIds.map((t) => st().tags.get(t)!.name)).toEqual(['高', '中', '低']);
    const lib = await library();
    const mine = lib.groups.find((x: Row) => x.groupId === groupId);
    expect(mine).toMatchObject({ name: '购买意向', createdByApp: true, readOnlyReason: null });
    expect(mine.tags.map((t: Row) => t.name)).toEqual(['高', '中', '低']);
  });

  it('rename and drag-to-reorder reach the sandbox; larger order first', async () => {
    await api()
      .patch(`/api/admin/tags/${tagIds[0]}`)
      .set(stack.auth())
      .send({ corpId, name: '很高' })
      .expect(200);
    expect(st().tags.get(tagIds[0])!.name).toBe('很高');
    const wanted = [tagIds[2], tagIds[0], tagIds[1]];
    await api()
      .post('/api/admin/tags/reorder')
      .set(stack.auth())
      .send({ corpId, groupId, ids: wanted })
      .expect(200);
    const orders = wanted.map((id) => st().tags.get(id)!.order);
    expect(orders).toEqual([3, 2, 1]);
    const lib = await library();
    expect(
      lib.groups.find((x: Row) => x.groupId === groupId).tags.map((t: Row) => t.tagId),
    ).toEqual(wanted);
  });

  it.each([
    ['a name over 30 characters', () => ({ name: '长'.repeat(31) }), 'name', /30/],
    ['a name taken in the group', () => ({ name: '中' }), 'name', /已有名为「中」/],
  ])('refuses %s before calling WeCom, naming the field', async (_, body, field, sentence) => {
    const before = calls('edit_corp_tag');
    const res = await api()
      .patch(`/api/admin/tags/${tagIds[0]}`)
      .set(stack.auth())
      .send({ corpId, ...body() })
      .expect(400);
    expect(res.body.code).toBe('TAG_RULE_BROKEN');
    expect(res.body.errors[field][0]).toMatch(sentence);
    expect(calls('edit_corp_tag')).toBe(before);
  });

  it('refuses to edit or delete a WeCom-made tag before calling, saying why', async () => {
    const seeded = [...st().tagGroups.values()].find((g) => !g.by_app)!;
    const before = calls('edit_corp_tag') + calls('del_corp_tag');
    const edit = await api()
      .patch(`/api/admin/tags/${seeded.tagIds[0]}`)
      .set(stack.auth())
      .send({ corpId, name: '改名' })
      .expect(400);
    expect(edit.body.errors.id[0]).toMatch(/企业微信管理后台创建/);
    const del = await api()
      .post('/api/admin/tags/delete')
      .set(stack.auth())
      .send({ corpId, groupIds: [seeded.group_id] })
      .expect(400);
    expect(del.body.errors['groupIds[0]'][0]).toMatch(/企业微信管理后台创建/);
    expect(calls('edit_corp_tag') + calls('del_corp_tag')).toBe(before);
    const lib = await library();
    expect(lib.groups.find((g: Row) => g.groupId === seeded.group_id).readOnlyReason).toMatch(
      /企业微信/,
    );
  });

  it('refuses a group with no tag and the corp cap (40126) before calling', async () => {
    const before = calls('add_corp_tag');
    const empty = await api()
      .post('/api/admin/tags/groups')
      .set(stack.auth())
      .send({ corpId, name: '空组', tags: [] })
      .expect(400);
    expect(empty.body.errors.tags[0]).toMatch(/至少要有一个标签/);
    const many = Array.from({ length: 100 }, (_, i) => ({ name: `t${i}` }));
    // fill the mirror close to the cap: 3000 − what exists − 50
    const existing = (await library()).tagCount;
    await stack.db.query(
      `INSERT INTO tag (corp_id, tag_id, group_id, name, sort_order, create_time, created_by_app)
       SELECT ?, CONCAT('etfill', seq), ?, CONCAT('fill', seq), 0, 0, 1 FROM seq_1_to_${3000 - existing - 50}`,
      [corpId, groupId],
    );
    const cap = await api()
      .post(`/api/admin/tags/groups/${groupId}/tags`)
      .set(stack.auth())
      .send({ corpId, tags: many })
      .expect(400);
    expect(cap.body.errors.tags[0]).toMatch(/40126/);
    expect(calls('add_corp_tag')).toBe(before);
    await stack.db.query(`DELETE FROM tag WHERE corp_id = ? AND tag_id LIKE 'etfill%'`, [corpId]);
  });

  it('a conflict (renamed in WeCom meanwhile) ends in WeCom’s state', async () => {
    // WeCom's admin renames the tag and the callback has not been applied yet: the mirror is stale
    st().tags.get(tagIds[1])!.name = '一般';
    await stack.db.query('UPDATE tag SET name = ? WHERE corp_id = ? AND tag_id = ?', [
      '中',
      corpId,
      tagIds[1],
    ]);
    // in WeCom, "一般" is now taken: renaming another tag to it is refused by WeCom, not by us
    const res = await api()
      .patch(`/api/admin/tags/${tagIds[2]}`)
      .set(stack.auth())
      .send({ corpId, name: '一般' })
      .expect(409);
    expect(res.body.code).toBe('TAG_WECOM_REFUSED');
    expect(res.body.message).toMatch(/40071/);
    expect(await mirrorTag(tagIds[1])).toMatchObject({ name: '一般' });
    expect(await mirrorTag(tagIds[2])).toMatchObject({ name: '低' });
  });

  it('a push WeCom could not take is kept, visible and retryable', async () => {
    await stack.act('/faults', { path: 'externalcontact/edit_corp_tag', errcode: -1, count: 20 });
    const res = await api()
      .patch(`/api/admin/tags/${tagIds[2]}`)
      .set(stack.auth())
      .send({ corpId, name: '较低' })
      .expect(503);
    expect(res.body.code).toBe('TAG_PUSH_FAILED');
    expect(st().tags.get(tagIds[2])!.name).toBe('低');
    const pushes = (await library()).pushes;
    expect(pushes[0]).toMatchObject({
      op: 'rename',
      state: 'failed',
      targetId: tagIds[2],
      errcode: -1,
    });
    await request(stack.sandbox.url).delete('/sandbox/faults').expect(200);
    const retried = await api()
      .post(`/api/admin/tags/pushes/${pushes[0].id}/retry`)
      .set(stack.auth())
      .send({ corpId })
      .expect(200);
    expect(retried.body).toMatchObject({ state: 'done', attempts: 2 });
    expect(st().tags.get(tagIds[2])!.name).toBe('较低');
    expect(await mirrorTag(tagIds[2])).toMatchObject({ name: '较低' });
  });

  it("deleting a group's last tags deletes the group, in the sandbox and the mirror", async () => {
    await api()
      .post('/api/admin/tags/delete')
      .set(stack.auth())
      .send({ corpId, tagIds: [tagIds[0]] })
      .expect(200);
    expect(st().tags.has(tagIds[0])).toBe(false);
    const res = await api()
      .post('/api/admin/tags/delete')
      .set(stack.auth())
      .send({ corpId, tagIds: [tagIds[1], tagIds[2]] })
      .expect(200);
    expect(res.body.deletedGroupIds).toEqual([groupId]);
    expect(st().tagGroups.has(groupId)).toBe(false);
    expect((await library()).groups.some((g: Row) => g.groupId === groupId)).toBe(false);
  });

  it('a tag created, renamed and deleted in WeCom reaches the console by callback, read-only', async () => {
    const seeded = [...st().tagGroups.values()].find((g) => !g.by_app)!;
    const { tagId } = await stack.act('/tags', { groupId: seeded.group_id, name: '后台新建' });
    const find = async () =>
      (await library()).groups
        .find((g: Row) => g.groupId === seeded.group_id)
        ?.tags.find((t: Row) => t.tagId === tagId);
    const seen = await waitFor(
      'the callback to add the tag',
      async () => (await find()) ?? undefined,
    );
    expect(seen).toMatchObject({ name: '后台新建', createdByApp: false });
    expect(seen.readOnlyReason).toMatch(/企业微信管理后台/);
    await stack.act(`/tags/${tagId}/rename`, { name: '后台改名' });
    await waitFor('the rename', async () =>
      (await find())?.name === '后台改名' ? true : undefined,
    );
    await stack.act(`/tags/${tagId}/delete`, {});
    await waitFor('the delete', async () => ((await find()) ? undefined : true));
  });
});
