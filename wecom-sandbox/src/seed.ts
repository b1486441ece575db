import { IdFactory } from './ids';
import type { ChatMember, Customer, Follow, User } from './model';
import { Prng } from './prng';
import {
  CORPS,
  CORP_POSITIONS,
  CUSTOMER_LINES,
  DEPARTMENTS,
  DESCRIPTIONS,
  GIVEN_FEMALE,
  GIVEN_MALE,
  GROUP_NOTICES,
  GROUP_SUFFIXES,
  NICK_NAMES,
  STAFF,
  STAFF_LINES,
  STATES,
  SURNAMES,
  TAG_GROUPS,
} from './seed-data';
import type { SandboxState, SeedOptions } from './state';

const DAY = 86400;

export function customerName(prng: Prng, gender: number): string {
  if (prng.chance(0.12)) return prng.pick(NICK_NAMES);
  const given = gender === 1 ? GIVEN_MALE : GIVEN_FEMALE;
  const len = prng.chance(0.7) ? 2 : 1;
  let name = prng.pick(SURNAMES);
  for (let i = 0; i < len; i++) name += prng.pick(given);
  return name;
}

export function makeCustomer(
  state: SandboxState,
  prng: Prng,
  overrides: Partial<Customer> = {},
): Customer {
  const corpUser = prng.chance(0.05);
  const gender = overrides.gender ?? (prng.chance(0.72) ? 2 : prng.chance(0.9) ? 1 : 0);
  const customer: Customer = {
    external_userid: overrides.external_userid ?? state.ids.externalUserId(corpUser),
    name: overrides.name ?? customerName(prng, gender),
    type: overrides.type ?? (corpUser ? 2 : 1),
    avatar: overrides.avatar ?? `http://wx.qlogo.cn/mmhead/${prng.hex(40)}/0`,
    gender,
  };
  if (customer.type === 1) {
    customer.unionid =
      overrides.unionid ??
      `o${prng.string(27, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}`;
  } else {
    const corp = prng.pick(CORPS);
    customer.corp_name = overrides.corp_name ?? corp.short;
    customer.corp_full_name = overrides.corp_full_name ?? corp.full;
    customer.position = overrides.position ?? prng.pick(CORP_POSITIONS);
  }
  return customer;
}

function pickWeighted<T extends { weight: number }>(prng: Prng, items: T[], total: number): T {
  let r = prng.next() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1];
}

/** Builds the deterministic demo corp into an empty state. */
export function seedCorp(state: SandboxState, opts: SeedOptions): void {
  const prng = new Prng(opts.random);
  state.ids = new IdFactory(prng);
  const now = state.now();

  for (const d of DEPARTMENTS) {
    state.departments.set(d.id, {
      ...d,
      name: d.id === 1 ? state.corp.corpName.replace(/\s*\(Demo\)$/, '') || d.name : d.name,
      department_leader: STAFF.filter((s) => s.leaderIn?.includes(d.id)).map((s) => s.userid),
    });
  }

  STAFF.forEach((s, i) => {
    const user: Omit<User, 'seq'> = {
      userid: s.userid,
      name: s.name,
      department: s.department,
      order: s.department.map(() => 100 - i),
      position: s.position,
      mobile: `13${prng.string(9, '0123456789')}`,
      gender: s.gender,
      email: `${s.userid}@qimu-demo.com`,
      biz_mail: `${s.userid}@qimu-demo.wecom.work`,
      is_leader_in_dept: s.department.map((d) => (s.leaderIn?.includes(d) ? 1 : 0)),
      direct_leader: [],
      avatar: `https://wework.qpic.cn/wwhead/${prng.hex(48)}/0`,
      thumb_avatar: `https://wework.qpic.cn/wwhead/${prng.hex(48)}/100`,
      telephone: '',
      alias: '',
      status: 1,
      main_department: s.department[0],
      open_userid: `wo${prng.string(30, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`,
      qr_code: `https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=vc${prng.hex(16)}`,
      external_position: s.position,
      address: '',
      customerContact: s.customerContact,
      welcomeMsgConfigured: !!s.welcomeMsgConfigured,
    };
    state.addUser(user);
  });
  // Direct leaders: store staff report to the store manager.
  for (const u of state.userList) {
    const leader = STAFF.find(
      (s) => s.leaderIn?.includes(u.main_department) && s.userid !== u.userid,
    );
    if (leader) u.direct_leader = [leader.userid];
  }

  // Corp tags.
  const tagIdsByGroup: string[][] = [];
  TAG_GROUPS.forEach((g, gi) => {
    const group = state.addTagGroup(g.name, 100 - gi, now - 400 * DAY + gi * 60);
    tagIdsByGroup.push(
      g.tags.map((name, ti) => state.addTag(group, name, 100 - ti, group.create_time + ti).id),
    );
  });

  // Customers and follow relations.
  const sellers = STAFF.filter((s) => s.customerContact && s.weight > 0);
  const totalWeight = sellers.reduce((a, s) => a + s.weight, 0);
  const addWays = [1, 1, 1, 1, 2, 2, 3, 4, 4, 5, 6, 16, 0];
  const followInit = (
    userid: string,
    customer: Customer,
  ): Partial<Omit<Follow, 'seq' | 'userid' | 'external_userid'>> => {
    const addWay = prng.pick(addWays);
    const tagIds: string[] = [];
    if (prng.chance(0.6)) tagIds.push(prng.pick(tagIdsByGroup[0]));
    if (prng.chance(0.5)) tagIds.push(...prng.sample(tagIdsByGroup[1], prng.int(1, 2)));
    const customerInitiated = addWay === 1 || addWay === 3 || addWay === 4 || addWay === 16;
    return {
      remark: prng.chance(0.4)
        ? `${customer.name}${prng.pick(['', '-VIP', '(老客)', '-静安'])}`
        : '',
      description: prng.pick(DESCRIPTIONS),
      createtime: now - prng.int(1, 730) * DAY - prng.int(0, DAY),
      tagIds,
      remark_corp_name: customer.type === 2 && prng.chance(0.5) ? customer.corp_name : undefined,
      remark_mobiles: prng.chance(0.3) ? [`13${prng.string(9, '0123456789')}`] : [],
      oper_userid: customerInitiated ? customer.external_userid : userid,
      add_way: addWay,
      state: addWay === 1 && prng.chance(0.5) ? prng.pick(STATES) : undefined,
    };
  };
  for (let i = 0; i < opts.customers; i++) {
    const customer = state.addCustomer(makeCustomer(state, prng));
    const first = pickWeighted(prng, sellers, totalWeight);
    state.addFollow(first.userid, customer.external_userid, followInit(first.userid, customer));
    if (prng.chance(0.1)) {
      let second = pickWeighted(prng, sellers, totalWeight);
      if (second.userid === first.userid)
        second = sellers[(sellers.indexOf(first) + 1) % sellers.length];
      state.addFollow(second.userid, customer.external_userid, followInit(second.userid, customer));
    }
  }

  // Customer groups.
  const storeDepts = DEPARTMENTS.filter((d) => d.id >= 4 && d.id <= 10 && d.id !== 8);
  for (let i = 0; i < 30; i++) {
    const dept = storeDepts[i % storeDepts.length];
    const staffHere = state.userList.filter(
      (u) => u.customerContact && u.department.includes(dept.id),
    );
    const owner = staffHere[prng.int(0, staffHere.length - 1)] ?? state.userList[0];
    const createTime = now - prng.int(10, 600) * DAY;
    const members = new Map<string, ChatMember>();
    members.set(owner.userid, {
      userid: owner.userid,
      type: 1,
      join_time: createTime,
      join_scene: 1,
      group_nickname: '',
      name: owner.name,
    });
    for (const u of prng.sample(
      staffHere.filter((s) => s !== owner),
      prng.int(0, 2),
    )) {
      members.set(u.userid, {
        userid: u.userid,
        type: 1,
        join_time: createTime + prng.int(60, 3 * DAY),
        join_scene: 1,
        invitor: { userid: owner.userid },
        group_nickname: '',
        name: u.name,
      });
    }
    const ownerFollows = state.followsOfUser(owner.userid);
    const count = Math.min(prng.int(5, 40), Math.max(ownerFollows.length, 1));
    for (const f of prng.sample(ownerFollows, count)) {
      const c = state.customers.get(f.external_userid) as Customer;
      const scene = prng.pick([1, 1, 2, 3, 3]);
      members.set(c.external_userid, {
        userid: c.external_userid,
        type: 2,
        // within 200 days of the group's creation, and never after now
        join_time: createTime + (prng.int(60, 200 * DAY) % Math.max(60, now - createTime - 60)),
        join_scene: scene,
        invitor: scene === 3 ? undefined : { userid: owner.userid },
        group_nickname: prng.chance(0.2) ? `${c.name}${prng.pick(['🌸', '-静安', '妈妈'])}` : '',
        name: c.name,
        unionid: c.unionid,
      });
    }
    const adminCandidates = [...members.values()].filter(
      (m) => m.type === 1 && m.userid !== owner.userid,
    );
    state.addGroupChat({
      chat_id: state.ids.chatId(),
      name: `${dept.name.replace(/^(上海|杭州|南京|广州|深圳)/, '')}${GROUP_SUFFIXES[i % GROUP_SUFFIXES.length]}${i >= GROUP_SUFFIXES.length ? Math.floor(i / GROUP_SUFFIXES.length) + 1 : ''}`,
      owner: owner.userid,
      create_time: createTime,
      notice: prng.pick(GROUP_NOTICES),
      members,
      admins: adminCandidates.length && prng.chance(0.5) ? [adminCandidates[0].userid] : [],
      status: 0,
      dismissed: false,
      member_version: prng.hex(32),
    });
  }

  // Chat archive: a few hundred text messages between guides and their customers.
  const allFollows = [...state.follows.values()];
  const archiveStart = (now - 7 * DAY) * 1000;
  let msgtime = archiveStart;
  const archiveCount = Math.min(360, allFollows.length * 4);
  for (let i = 0; i < archiveCount && allFollows.length;) {
    const f = prng.pick(allFollows);
    const turns = prng.int(1, 3);
    for (let t = 0; t < turns && i < archiveCount; t++, i += 2) {
      const line = prng.int(0, CUSTOMER_LINES.length - 1);
      msgtime += prng.int(20, 1600) * 1000;
      state.archive.push({
        seq: state.archive.length + 1,
        msgid: `${prng.string(19, '0123456789')}_${msgtime}_external`,
        action: 'send',
        from: f.external_userid,
        tolist: [f.userid],
        roomid: '',
        msgtime,
        msgtype: 'text',
        text: { content: CUSTOMER_LINES[line] },
      });
      msgtime += prng.int(20, 900) * 1000;
      state.archive.push({
        seq: state.archive.length + 1,
        msgid: `${prng.string(19, '0123456789')}_${msgtime}_external`,
        action: 'send',
        from: f.userid,
        tolist: [f.external_userid],
        roomid: '',
        msgtime,
        msgtype: 'text',
        text: { content: STAFF_LINES[line] },
      });
    }
  }

  state.ids.detach();
}
