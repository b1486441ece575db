import { Client, startClient } from './helpers';

describe('corp tag APIs', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 100 } });
  });
  afterAll(() => c.sb.close());

  it('get_corp_tag_list returns both seeded groups with tags', async () => {
    const r = await c.post('externalcontact/get_corp_tag_list', {});
    expect(r.errcode).toBe(0);
    const names = r.tag_group.map((g: { group_name: string }) => g.group_name);
    expect(names).toEqual(['客户等级', '兴趣偏好']);
    const level = r.tag_group[0];
    expect(level).toEqual({
      group_id: expect.stringMatching(/^et/),
      group_name: '客户等级',
      create_time: expect.any(Number),
      order: expect.any(Number),
      tag: expect.arrayContaining([]),
    });
    expect(level.tag.map((t: { name: string }) => t.name)).toEqual([
      '普通会员',
      '银卡会员',
      '金卡会员',
      '黑金会员',
    ]);
    expect(level.tag[0]).toEqual({
      id: expect.stringMatching(/^et/),
      name: '普通会员',
      create_time: expect.any(Number),
      order: expect.any(Number),
    });
  });

  it('filters by tag_id, and group_id wins over tag_id', async () => {
    const all = await c.post('externalcontact/get_corp_tag_list', {});
    const silver = all.tag_group[0].tag[1].id;
    const r = await c.post('externalcontact/get_corp_tag_list', { tag_id: [silver] });
    expect(r.tag_group).toHaveLength(1);
    expect(r.tag_group[0].tag.map((t: { id: string }) => t.id)).toEqual([silver]);
    const g = await c.post('externalcontact/get_corp_tag_list', {
      tag_id: [silver],
      group_id: [all.tag_group[1].group_id],
    });
    expect(g.tag_group).toHaveLength(1);
    expect(g.tag_group[0].group_name).toBe('兴趣偏好');
  });

  it('add_corp_tag creates a group, adds to an existing one, rejects duplicates and long names', async () => {
    const r = await c.post('externalcontact/add_corp_tag', {
      group_name: '渠道',
      tag: [{ name: '抖音' }, { name: '小红书', order: 2 }, { name: '抖音' }],
    });
    expect(r.errcode).toBe(0);
    expect(r.tag_group.group_name).toBe('渠道');
    expect(r.tag_group.tag.map((t: { name: string }) => t.name)).toEqual(['抖音', '小红书']);
    const add = await c.post('externalcontact/add_corp_tag', {
      group_id: r.tag_group.group_id,
      tag: [{ name: '视频号' }],
    });
    expect(add.tag_group.group_id).toBe(r.tag_group.group_id);
    expect(add.tag_group.tag).toHaveLength(1);
    // Same group name again: tags go into the existing group.
    const same = await c.post('externalcontact/add_corp_tag', {
      group_name: '渠道',
      tag: [{ name: '快手' }],
    });
    expect(same.tag_group.group_id).toBe(r.tag_group.group_id);
    expect(
      (
        await c.post('externalcontact/add_corp_tag', {
          group_id: r.tag_group.group_id,
          tag: [{ name: '抖音' }],
        })
      ).errcode,
    ).toBe(40071);
    expect(
      (await c.post('externalcontact/add_corp_tag', { group_name: 'x', tag: [] })).errcode,
    ).toBe(40058);
    expect(
      (
        await c.post('externalcontact/add_corp_tag', {
          group_name: 'x',
          tag: [{ name: '长'.repeat(31) }],
        })
      ).errcode,
    ).toBe(40058);
    expect(
      (await c.post('externalcontact/add_corp_tag', { group_id: 'etNOPE', tag: [{ name: 'a' }] }))
        .errcode,
    ).toBe(40068);
  });

  it('edit_corp_tag renames tags and groups; unknown id 40068', async () => {
    const r = await c.post('externalcontact/add_corp_tag', {
      group_name: '活动',
      tag: [{ name: '618' }, { name: '双11' }],
    });
    const tagId = r.tag_group.tag[0].id;
    expect(
      (await c.post('externalcontact/edit_corp_tag', { id: tagId, name: '618大促', order: 9 }))
        .errcode,
    ).toBe(0);
    expect(
      (
        await c.post('externalcontact/edit_corp_tag', {
          id: r.tag_group.group_id,
          name: '大促活动',
        })
      ).errcode,
    ).toBe(0);
    const got = await c.post('externalcontact/get_corp_tag_list', {
      group_id: [r.tag_group.group_id],
    });
    expect(got.tag_group[0].group_name).toBe('大促活动');
    expect(got.tag_group[0].tag[0]).toMatchObject({ id: tagId, name: '618大促', order: 9 });
    expect(
      (await c.post('externalcontact/edit_corp_tag', { id: tagId, name: '双11' })).errcode,
    ).toBe(40071);
    expect(
      (await c.post('externalcontact/edit_corp_tag', { id: 'etXXXX', name: 'a' })).errcode,
    ).toBe(40068);
  });

  it('mark_tag adds and removes tags on the relation; errors for unknown tag, user, relation', async () => {
    const list = await c.post('externalcontact/get_corp_tag_list', {});
    const [vip, gold] = [list.tag_group[0].tag[3].id, list.tag_group[0].tag[2].id];
    const id = (await c.get('externalcontact/list', { userid: 'sunyan' })).external_userid[0];
    expect(
      (
        await c.post('externalcontact/mark_tag', {
          userid: 'sunyan',
          external_userid: id,
          add_tag: [vip, gold],
        })
      ).errcode,
    ).toBe(0);
    expect(
      (
        await c.post('externalcontact/mark_tag', {
          userid: 'sunyan',
          external_userid: id,
          remove_tag: [gold],
        })
      ).errcode,
    ).toBe(0);
    const got = await c.get('externalcontact/get', { external_userid: id });
    const tags = got.follow_user
      .find((f: { userid: string }) => f.userid === 'sunyan')
      .tags.map((t: { tag_id: string }) => t.tag_id);
    expect(tags).toContain(vip);
    expect(tags).not.toContain(gold);
    expect(
      (
        await c.post('externalcontact/mark_tag', {
          userid: 'sunyan',
          external_userid: id,
          add_tag: ['etNOPE'],
        })
      ).errcode,
    ).toBe(40068);
    expect(
      (
        await c.post('externalcontact/mark_tag', {
          userid: 'ghost',
          external_userid: id,
          add_tag: [vip],
        })
      ).errcode,
    ).toBe(60111);
    expect(
      (
        await c.post('externalcontact/mark_tag', {
          userid: 'sunyan',
          external_userid: 'bad',
          add_tag: [vip],
        })
      ).errcode,
    ).toBe(40096);
    const stranger = [...c.sb.state.customers.keys()].find(
      (x) => !c.sb.state.getFollow('sunyan', x),
    );
    expect(
      (
        await c.post('externalcontact/mark_tag', {
          userid: 'sunyan',
          external_userid: stranger,
          add_tag: [vip],
        })
      ).errcode,
    ).toBe(84061);
  });

  it('del_corp_tag removes tags, their marks, and the group when it becomes empty', async () => {
    const r = await c.post('externalcontact/add_corp_tag', {
      group_name: '临时',
      tag: [{ name: 'A' }, { name: 'B' }],
    });
    const [a, b] = r.tag_group.tag.map((t: { id: string }) => t.id);
    const id = (await c.get('externalcontact/list', { userid: 'guojun' })).external_userid[0];
    await c.post('externalcontact/mark_tag', {
      userid: 'guojun',
      external_userid: id,
      add_tag: [a],
    });
    expect((await c.post('externalcontact/del_corp_tag', { tag_id: [a] })).errcode).toBe(0);
    expect(c.sb.state.getFollow('guojun', id)?.tagIds).not.toContain(a);
    expect(
      (await c.post('externalcontact/get_corp_tag_list', { group_id: [r.tag_group.group_id] }))
        .tag_group,
    ).toHaveLength(1);
    expect((await c.post('externalcontact/del_corp_tag', { tag_id: [b] })).errcode).toBe(0);
    expect(
      (await c.post('externalcontact/get_corp_tag_list', { group_id: [r.tag_group.group_id] }))
        .tag_group,
    ).toHaveLength(0);
    expect((await c.post('externalcontact/del_corp_tag', { tag_id: [a] })).errcode).toBe(40068);
    expect((await c.post('externalcontact/del_corp_tag', {})).errcode).toBe(40068);
  });

  it('an app edits or deletes only the tags it created: a WeCom-made one answers 81011', async () => {
    const seeded = (await c.post('externalcontact/get_corp_tag_list', {})).tag_group[0];
    const tagId = seeded.tag[0].id;
    expect((await c.post('externalcontact/edit_corp_tag', { id: tagId, name: 'x' })).errcode).toBe(
      81011,
    );
    expect(
      (await c.post('externalcontact/edit_corp_tag', { id: seeded.group_id, order: 3 })).errcode,
    ).toBe(81011);
    expect((await c.post('externalcontact/del_corp_tag', { tag_id: [tagId] })).errcode).toBe(81011);
    expect(
      (await c.post('externalcontact/del_corp_tag', { group_id: [seeded.group_id] })).errcode,
    ).toBe(81011);
    expect(c.sb.state.tags.get(tagId)?.name).toBe(seeded.tag[0].name);
    // A tag the app adds to a WeCom-made group is the app's: it may rename it.
    const added = await c.post('externalcontact/add_corp_tag', {
      group_id: seeded.group_id,
      tag: [{ name: '应用加的' }],
    });
    const own = added.tag_group.tag[0].id;
    expect((await c.post('externalcontact/edit_corp_tag', { id: own, order: 7 })).errcode).toBe(0);
    expect((await c.post('externalcontact/del_corp_tag', { tag_id: [own] })).errcode).toBe(0);
  });
});
