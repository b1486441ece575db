import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { inboxEvent } from '../../src/common/testing/inbox-event';
import { resetEnvCache } from '../../src/config/configuration';
import { GroupService, toRefreshJobData } from '../../src/groups/group.service';
import { StaffService } from '../../src/staff/staff.service';
import { TagService } from '../../src/tags/tag.service';
import { WecomApiException } from '../../src/wecom/wecom-api.exception';
import { AddressBookClient } from '../../src/wecom/areas/address-book.client';
import type { WecomUser } from '../../src/wecom/areas/address-book.types';
import { CorpTagsClient } from '../../src/wecom/areas/corp-tags.client';
import type { CorpTagGroup } from '../../src/wecom/areas/corp-tags.types';
import { CustomerGroupsClient } from '../../src/wecom/areas/customer-groups.client';
import type { GroupChat } from '../../src/wecom/areas/customer-groups.types';
import { ExternalContactsClient } from '../../src/wecom/areas/external-contacts.client';

/**
 * The mirror's callback handlers against the real MariaDB (and Redis locks), with WeCom played by
 * an in-memory fake: the same event applied three times leaves the same state, and an older
 * group event applied after a newer one changes nothing.
 */
describe('mirror handlers (real DB)', () => {
  const corpId = `wwmirror${Date.now().toString(36)}`;
  let app: INestApplication;
  let db: DataSource;
  let staff: StaffService;
  let tags: TagService;
  let groups: GroupService;
  let nextEventId = 1;

  // ---------------------------------------------------------------- fake WeCom
  const users = new Map<string, WecomUser>();
  let followUsers: string[] = [];
  let tagLibrary: CorpTagGroup[] = [];
  const chats = new Map<string, GroupChat>();
  const notFound = (path: string, errcode: number) =>
    WecomApiException.fromResponse(path, errcode, 'not found');
  const addressBook: Partial<AddressBookClient> = {
    getUser: async (_c: string, id: string) => {
      const u = users.get(id);
      if (!u) throw notFound('user/get', 60111);
      return { errcode: 0, errmsg: 'ok', ...u };
    },
    listDepartments: async () => [
      { id: 1, name: '总部', parentid: 0, order: 1 },
      { id: 2, name: '华东区', parentid: 1, order: 2 },
    ],
  };
  const externalContacts: Partial<ExternalContactsClient> = {
    getFollowUserList: async () => followUsers,
  };
  const corpTags: Partial<CorpTagsClient> = {
    getCorpTagList: async (_c: string, req = {}) => {
      const groupIds = req.group_id ?? [];
      const tagIds = req.tag_id ?? [];
      let list = tagLibrary;
      if (groupIds.length) list = list.filter((g) => groupIds.includes(g.group_id));
      else if (tagIds.length)
        list = list
          .map((g) => ({ ...g, tag: g.tag.filter((t) => tagIds.includes(t.id)) }))
          .filter((g) => g.tag.length);
      return { errcode: 0, errmsg: 'ok', tag_group: list };
    },
  };
  const customerGroups: Partial<CustomerGroupsClient> = {
    getGroupChat: async (_c: string, id: string) => {
      const g = chats.get(id);
      if (!g) throw notFound('externalcontact/groupchat/get', 40050);
      return { errcode: 0, errmsg: 'ok', group_chat: structuredClone(g) };
    },
  };

  const event = (
    ev: string,
    changeType: string,
    payload: Record<string, unknown>,
    createTime = Math.floor(Date.now() / 1000),
  ) =>
    inboxEvent({
      id: String(nextEventId++),
      corpId,
      dedupeKey: 'x',
      event: ev,
      changeType,
      createTime,
      payload: { Event: ev, ChangeType: changeType, ...payload },
      attempts: 1,
    });

  const dump = async (table: string, order: string) =>
    (await db.query(`SELECT * FROM ${table} WHERE corp_id = ? ORDER BY ${order}`, [corpId])).map(
      (r: Record<string, unknown>) => {
        const { updated_at: _u, created_at: _c, synced_at: _s, ...rest } = r;
        return rest;
      },
    );
  const thrice = async (fn: () => Promise<unknown>) => {
    const states: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      await fn();
      states.push(
        JSON.stringify([
          await dump('staff', 'user_id'),
          await dump('department', 'id'),
          await dump('tag_group', 'group_id'),
          await dump('tag', 'tag_id'),
          await dump('group_chat', 'chat_id'),
          await dump('group_member', 'chat_id, member_id'),
          await dump('customer_timeline', 'dedupe_key'),
        ]),
      );
    }
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
  };

  beforeAll(async () => {
    resetEnvCache();
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.register({ withWorker: false })],
    })
      .overrideProvider(AddressBookClient)
      .useValue(addressBook)
      .overrideProvider(ExternalContactsClient)
      .useValue(externalContacts)
      .overrideProvider(CorpTagsClient)
      .useValue(corpTags)
      .overrideProvider(CustomerGroupsClient)
      .useValue(customerGroups)
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
    await app.init();
    db = app.get(DataSource);
    staff = app.get(StaffService);
    tags = app.get(TagService);
    groups = app.get(GroupService);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('change_contact: create, update, delete of a user, each applied three times', async () => {
    users.set('lina', {
      userid: 'lina',
      name: '李娜',
      department: [2],
      status: 1,
      position: '导购',
    });
    followUsers = ['lina'];
    await thrice(() =>
      staff.handleContactEvent(event('change_contact', 'create_user', { UserID: 'lina' })),
    );
    const [row] = await db.query('SELECT * FROM staff WHERE corp_id = ? AND user_id = ?', [
      corpId,
      'lina',
    ]);
    expect(row).toMatchObject({ name: '李娜', position: '导购', customer_contact: 1 });
    expect(row.departed_at).toBeNull();

    const leftAt = Math.floor(Date.now() / 1000) - 60;
    users.delete('lina');
    await thrice(() =>
      staff.handleContactEvent(event('change_contact', 'delete_user', { UserID: 'lina' }, leftAt)),
    );
    const [gone] = await db.query('SELECT * FROM staff WHERE corp_id = ? AND user_id = ?', [
      corpId,
      'lina',
    ]);
    expect(gone.wecom_status).toBe(5);
    expect(new Date(gone.departed_at).getTime()).toBe(leftAt * 1000);

    // an older update_user arriving after the delete re-reads WeCom: still departed
    await staff.handleContactEvent(
      event('change_contact', 'update_user', { UserID: 'lina' }, leftAt - 30),
    );
    const [still] = await db.query(
      'SELECT departed_at FROM staff WHERE corp_id = ? AND user_id = ?',
      [corpId, 'lina'],
    );
    expect(new Date(still.departed_at).getTime()).toBe(leftAt * 1000);
  });

  it('update_user with NewUserID renames the userid in every table of the corp', async () => {
    users.set('u_old', { userid: 'u_old', name: '老王', department: [1], status: 1 });
    followUsers = ['u_old'];
    await staff.handleContactEvent(event('change_contact', 'create_user', { UserID: 'u_old' }));
    await db.query(
      `INSERT INTO follow_relation (corp_id, external_user_id, user_id) VALUES (?, 'wmx1', 'u_old')`,
      [corpId],
    );
    await db.query(
      `INSERT INTO group_chat (corp_id, chat_id, owner_user_id) VALUES (?, 'wrrename', 'u_old')`,
      [corpId],
    );
    users.delete('u_old');
    users.set('u_new', { userid: 'u_new', name: '老王', department: [1], status: 1 });
    followUsers = ['u_new'];
    await thrice(() =>
      staff.handleContactEvent(
        event('change_contact', 'update_user', { UserID: 'u_old', NewUserID: 'u_new' }),
      ),
    );
    expect(
      await db.query('SELECT user_id FROM staff WHERE corp_id = ? AND user_id IN (?, ?)', [
        corpId,
        'u_old',
        'u_new',
      ]),
    ).toEqual([{ user_id: 'u_new' }]);
    expect(
      await db.query('SELECT user_id FROM follow_relation WHERE corp_id = ?', [corpId]),
    ).toEqual([{ user_id: 'u_new' }]);
    expect(
      await db.query('SELECT owner_user_id FROM group_chat WHERE corp_id = ? AND chat_id = ?', [
        corpId,
        'wrrename',
      ]),
    ).toEqual([{ owner_user_id: 'u_new' }]);
    await db.query('DELETE FROM group_chat WHERE corp_id = ? AND chat_id = ?', [
      corpId,
      'wrrename',
    ]);
  });

  it('change_contact party events re-read the department tree', async () => {
    await thrice(() =>
      staff.handleContactEvent(event('change_contact', 'create_party', { Id: 2 })),
    );
    expect(
      (
        await db.query('SELECT id, name FROM department WHERE corp_id = ? ORDER BY id', [corpId])
      ).map((r: { id: number; name: string }) => `${r.id}:${r.name}`),
    ).toEqual(['1:总部', '2:华东区']);
  });

  it('change_external_tag: create, rename, delete, shuffle — three times each', async () => {
    tagLibrary = [
      {
        group_id: 'etg1',
        group_name: '肤质',
        order: 1,
        create_time: 1,
        tag: [
          { id: 'et1', name: '干皮', order: 2, create_time: 1 },
          { id: 'et2', name: '油皮', order: 1, create_time: 1 },
        ],
      },
    ];
    await thrice(() =>
      tags.handleTagEvent(
        event('change_external_tag', 'create', { Id: 'etg1', TagType: 'tag_group' }),
      ),
    );
    tagLibrary[0].tag[0].name = '干性皮肤';
    await thrice(() =>
      tags.handleTagEvent(event('change_external_tag', 'update', { Id: 'et1', TagType: 'tag' })),
    );
    tagLibrary[0].tag = tagLibrary[0].tag.filter((t) => t.id !== 'et2');
    await thrice(() =>
      tags.handleTagEvent(event('change_external_tag', 'delete', { Id: 'et2', TagType: 'tag' })),
    );
    expect(await tags.listGroupsWithTags(corpId)).toMatchObject([
      { groupId: 'etg1', name: '肤质', tags: [{ tagId: 'et1', name: '干性皮肤' }] },
    ]);
    tagLibrary = [];
    await thrice(() => tags.handleTagEvent(event('change_external_tag', 'shuffle', { Id: '' })));
    expect(await tags.listGroupsWithTags(corpId)).toEqual([]);
  });

  const member = (userid: string, type: 1 | 2, join_time = 100) => ({
    userid,
    type,
    join_time,
    join_scene: 1,
    name: userid,
  });

  it('change_external_chat: create and member changes, each applied three times', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 100;
    chats.set('wrA', {
      chat_id: 'wrA',
      name: '福利群',
      owner: 'lina',
      create_time: t0,
      notice: '',
      member_list: [member('lina', 1), member('wmC1', 2), member('wmC2', 2)],
    });
    const create = event('change_external_chat', 'create', { ChatId: 'wrA' }, t0);
    await thrice(() => groups.refreshFromEvent(toRefreshJobData(create)));

    chats.get('wrA')!.member_list = [member('lina', 1), member('wmC2', 2)];
    const del = event(
      'change_external_chat',
      'update',
      {
        ChatId: 'wrA',
        UpdateDetail: 'del_member',
        QuitScene: '1',
        MemChangeCnt: '1',
        MemChangeList: { Item: ['wmC1'] },
      },
      t0 + 10,
    );
    await thrice(() => groups.refreshFromEvent(toRefreshJobData(del)));
    const [left] = await db.query(
      'SELECT left_at, quit_scene FROM group_member WHERE corp_id = ? AND chat_id = ? AND member_id = ?',
      [corpId, 'wrA', 'wmC1'],
    );
    expect(left.left_at).not.toBeNull();
    expect(left.quit_scene).toBe(1);
    const timeline = await db.query(
      `SELECT kind, external_user_id FROM customer_timeline WHERE corp_id = ? ORDER BY dedupe_key`,
      [corpId],
    );
    expect(
      timeline
        .map((r: { kind: string; external_user_id: string }) => `${r.kind}:${r.external_user_id}`)
        .sort(),
    ).toEqual(['group_joined:wmC1', 'group_joined:wmC2', 'group_left:wmC1']);
  });

  it('an older group event applied after a newer one changes nothing', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 50;
    chats.get('wrA')!.name = '新名字';
    await groups.refreshFromEvent(
      toRefreshJobData(
        event(
          'change_external_chat',
          'update',
          { ChatId: 'wrA', UpdateDetail: 'change_name' },
          t0 + 20,
        ),
      ),
    );
    const before = JSON.stringify([
      await dump('group_chat', 'chat_id'),
      await dump('group_member', 'chat_id, member_id'),
    ]);
    // WeCom now answers something else, but the event is older than the one applied
    chats.get('wrA')!.name = '旧名字';
    chats.get('wrA')!.member_list.push(member('wmC9', 2));
    const outcome = await groups.refreshFromEvent(
      toRefreshJobData(
        event(
          'change_external_chat',
          'update',
          { ChatId: 'wrA', UpdateDetail: 'change_name' },
          t0 + 5,
        ),
      ),
    );
    expect(outcome).toBe('stale');
    expect(
      JSON.stringify([
        await dump('group_chat', 'chat_id'),
        await dump('group_member', 'chat_id, member_id'),
      ]),
    ).toBe(before);
    // an older dismiss is stale too; a newer one dismisses
    await groups.handleChatEvent(event('change_external_chat', 'dismiss', { ChatId: 'wrA' }, t0));
    expect((await groups.get(corpId, 'wrA')).dismissedAt).toBeNull();
    await thrice(() =>
      groups.handleChatEvent(event('change_external_chat', 'dismiss', { ChatId: 'wrA' }, t0 + 30)),
    );
    expect((await groups.get(corpId, 'wrA')).dismissedAt).not.toBeNull();
  });

  it('a create whose chat is already gone (40050) leaves a dismissed tombstone', async () => {
    const outcome = await groups.refreshFromEvent(
      toRefreshJobData(event('change_external_chat', 'create', { ChatId: 'wrGone' })),
    );
    expect(outcome).toBe('dismissed');
    expect((await groups.get(corpId, 'wrGone')).dismissedAt).not.toBeNull();
  });
});
