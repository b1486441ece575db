import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxState } from '@scrm/wecom-sandbox';
import * as sandbox from '../../../../wecom-sandbox/src/actions';
import { DEFAULT_SEED_RANDOM, loadDemoCorp } from '../../../../wecom-sandbox/src/index';
import { seedCorp } from '../../../../wecom-sandbox/src/seed';
import { parseWecomEvent, parseWecomEventXml } from './parse-wecom-event';
import { ChangeType, Event, EVENT_CHANGE_TYPES, WecomEvent } from './wecom-event';
import { DOCUMENTED_SAMPLES } from './wecom-event.fixtures';

const SANDBOX_SRC = join(__dirname, '../../../../wecom-sandbox/src');

describe('parseWecomEvent over WeCom documented samples', () => {
  const parse = (name: string) => parseWecomEventXml(DOCUMENTED_SAMPLES[name].xml);

  it.each(Object.keys(DOCUMENTED_SAMPLES))('%s is a known event with its envelope', (name) => {
    const e = parse(name);
    expect(e.type).not.toBe('unknown');
    expect(e).toMatchObject({ ToUserName: 'toUser', FromUserName: 'sys', CreateTime: 1403610513 });
    expect(DOCUMENTED_SAMPLES[name].source).toMatch(
      /^https:\/\/developer\.work\.weixin\.qq\.com\//,
    );
  });

  it('types the customer events as WeCom names their fields', () => {
    expect(parse('add_external_contact')).toEqual({
      type: 'change_external_contact/add_external_contact',
      ToUserName: 'toUser',
      FromUserName: 'sys',
      CreateTime: 1403610513,
      MsgType: 'event',
      Event: Event.ChangeExternalContact,
      ChangeType: ChangeType.AddExternalContact,
      UserID: 'zhangsan',
      ExternalUserID: 'woAJ2GCAAAXtWyujaWJHDDGi0mAAAA',
      State: 'teststate',
      WelcomeCode: 'WELCOMECODE',
    });
    expect(parse('del_external_contact')).toMatchObject({ Source: 'DELETE_BY_TRANSFER' });
    expect(parse('transfer_fail')).toMatchObject({
      type: 'change_external_contact/transfer_fail',
      FailReason: 'customer_refused',
      UserID: 'zhangsan',
    });
  });

  it('types group updates: scenes and counts as numbers, MemChangeList as its items', () => {
    expect(parse('chat_update')).toMatchObject({
      type: 'change_external_chat/update',
      ChatId: 'CHAT_ID',
      UpdateDetail: 'add_member',
      JoinScene: 1,
      QuitScene: 0,
      MemChangeCnt: 10,
      MemChangeList: ['Jack', 'Rose'],
      LastMemVer: '9c3f0d16b0a4ff3fd2de0a5ed9ec2f4b',
    });
  });

  it('types tag events (shuffle without TagType) and address-book events', () => {
    expect(parse('tag_delete')).toMatchObject({
      Id: 'TAG_ID',
      TagType: 'tag_group',
      StrategyId: '1',
    });
    expect(parse('tag_shuffle')).toMatchObject({
      type: 'change_external_tag/shuffle',
      Id: 'TAG_GROUP_ID',
    });
    expect(parse('update_user')).toMatchObject({
      UserID: 'zhangsan',
      NewUserID: 'zhangsan001',
      Department: [1, 2, 3],
      MainDepartment: 1,
      IsLeaderInDept: [1, 0, 0],
      DirectLeader: ['lisi', 'wangwu'],
      Gender: 1,
      Status: 1,
    });
    expect(parse('create_party')).toMatchObject({ Id: 2, Name: '张三', ParentId: 1, Order: 1 });
    expect(parse('update_tag')).toMatchObject({
      TagId: 1,
      AddUserItems: ['zhangsan', 'lisi'],
      DelPartyItems: [3, 4],
    });
  });
});

describe('parseWecomEvent on what it does not know', () => {
  const base = {
    ToUserName: 'ww1',
    FromUserName: 'sys',
    CreateTime: '1700000000',
    MsgType: 'event',
  };

  it.each<[string, Record<string, unknown>, string]>([
    ['a new Event', { Event: 'living_status_change' }, 'no such Event living_status_change'],
    ['no Event', {}, 'no Event'],
    [
      'a new ChangeType',
      { Event: 'change_external_contact', ChangeType: 'add_customer_v9' },
      'no such ChangeType add_customer_v9',
    ],
    [
      'a missing documented field',
      { Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: 'u' },
      'missing ExternalUserID',
    ],
    [
      'a TagType WeCom does not send',
      { Event: 'change_external_tag', ChangeType: 'create', Id: 't', TagType: 'rule' },
      'no such TagType rule',
    ],
    [
      'a department id that is not a number',
      { Event: 'change_contact', ChangeType: 'delete_party', Id: 'x' },
      'missing Id',
    ],
  ])('%s is an unknown event, kept with every field', (_what, fields, reason) => {
    const e = parseWecomEvent({ ...base, ...fields });
    expect(e).toMatchObject({ type: 'unknown', reason, fields: { ...base, ...fields } });
  });

  it('takes the envelope from the inbox row when the stored fields lack it', () => {
    const e = parseWecomEvent(
      { Event: 'change_external_chat', ChangeType: 'dismiss', ChatId: 'wr1' },
      { ToUserName: 'ww1', CreateTime: 1700000001 },
    );
    expect(e).toMatchObject({
      type: 'change_external_chat/dismiss',
      ToUserName: 'ww1',
      CreateTime: 1700000001,
    });
    expect(
      parseWecomEvent({ Event: 'change_external_chat', ChangeType: 'dismiss', ChatId: 'w' }),
    ).toMatchObject({
      type: 'unknown',
      reason: 'missing CreateTime',
    });
  });
});

describe('parseWecomEvent over the sandbox', () => {
  it('knows every Event and ChangeType the sandbox source emits', () => {
    const emitted = new Set<string>();
    for (const file of readdirSync(SANDBOX_SRC).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(join(SANDBOX_SRC, file), 'utf8');
      for (const m of src.matchAll(/event: '(\w+)',?\s*changeType: '(\w+)'/g))
        emitted.add(`${m[1]}/${m[2]}`);
      for (const m of src.matchAll(/event: '(\w+)',\s*\n\s*changeType,/g)) emitted.add(`${m[1]}/*`);
    }
    expect(emitted.size).toBeGreaterThan(10);
    for (const type of emitted) {
      const [event, changeType] = type.split('/');
      expect(Object.values(Event)).toContain(event);
      if (changeType !== '*')
        expect(EVENT_CHANGE_TYPES[event as Event] as readonly string[]).toContain(changeType);
    }
  });

  it('types every callback the sandbox delivers when people act in it', () => {
    const state = new SandboxState(loadDemoCorp(), { tokenTtlSeconds: 7200 });
    seedCorp(state, { customers: 5, random: DEFAULT_SEED_RANDOM });
    state.callbackDeliveries.length = 0;
    const staff = state.userList.filter((u) => u.customerContact).map((u) => u.userid);
    const [a, b] = staff;
    const added = sandbox.addStaff(state, { userId: a, customer: { name: '客户' }, state: 'ch_1' });
    const ext = added.externalUserId;
    sandbox.addStaff(state, { userId: b, externalUserId: ext, skipVerify: true });
    sandbox.staffEditsCustomer(state, { userId: a, externalUserId: ext, remark: '备注' });
    const g = sandbox.createGroup(state, { ownerUserId: a, name: '群', externalUserIds: [ext] });
    sandbox.joinGroup(state, { chatId: g.chat_id, userId: b, joinScene: 3 });
    sandbox.leaveGroup(state, { chatId: g.chat_id, userId: b, quitScene: 1 });
    sandbox.renameGroup(state, { chatId: g.chat_id, name: '新群名' });
    sandbox.changeGroupNotice(state, { chatId: g.chat_id, notice: '公告' });
    sandbox.changeGroupOwner(state, { chatId: g.chat_id, userId: b });
    sandbox.dismissGroup(state, { chatId: g.chat_id });
    const tags = sandbox.adminCreateTagGroup(state, { groupName: '等级', tags: ['金', '银'] });
    sandbox.adminAddTag(state, { groupId: tags.groupId, name: '铜' });
    sandbox.adminRenameTag(state, { id: tags.tagIds[0], name: '白金' });
    sandbox.adminShuffleTags(state, { groupId: tags.groupId });
    sandbox.adminDeleteTag(state, { id: tags.tagIds[1] });
    const u = sandbox.createUser(state, { userid: 'newbie', name: '新人', department: [1] });
    sandbox.updateUser(state, u.userid, { name: '新人二' });
    sandbox.userLeaves(state, 'newbie');
    const d = sandbox.createDepartment(state, { name: '华南区', parentid: 1 });
    sandbox.updateDepartment(state, d.id, { name: '华南大区' });
    sandbox.deleteDepartment(state, d.id);
    sandbox.customerDeletesStaff(state, { externalUserId: ext, userId: b });
    sandbox.staffDeletesCustomer(state, { externalUserId: ext, userId: a });

    const events: WecomEvent[] = state.callbackDeliveries.map((c) => parseWecomEventXml(c.xml));
    expect(events.filter((e) => e.type === 'unknown')).toEqual([]);
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(
      [
        'change_contact/create_party',
        'change_contact/create_user',
        'change_contact/delete_party',
        'change_contact/delete_user',
        'change_contact/update_party',
        'change_contact/update_user',
        'change_external_chat/create',
        'change_external_chat/dismiss',
        'change_external_chat/update',
        'change_external_contact/add_external_contact',
        'change_external_contact/add_half_external_contact',
        'change_external_contact/del_external_contact',
        'change_external_contact/del_follow_user',
        'change_external_contact/edit_external_contact',
        'change_external_tag/create',
        'change_external_tag/delete',
        'change_external_tag/shuffle',
        'change_external_tag/update',
      ].sort(),
    );
    for (const e of events) expect(e.ToUserName).toBe(state.corp.corpId);
    const join = events.find(
      (e) => e.type === 'change_external_chat/update' && e.JoinScene !== undefined,
    );
    expect(join).toMatchObject({ UpdateDetail: 'add_member', JoinScene: 3, MemChangeCnt: 1 });
    const update = events.find((e) => e.type === 'change_contact/update_user');
    expect(update).toMatchObject({ UserID: 'newbie', Name: '新人二' });
  });
});
