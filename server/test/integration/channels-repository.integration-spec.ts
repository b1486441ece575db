import { DataSource } from 'typeorm';
import { ChannelRepository } from '../../src/channels/channel.repository';
import { ChannelAddEntity, WelcomeStatus } from '../../src/channels/entities/channel-add.entity';
import { ChannelEntity, ChannelType } from '../../src/channels/entities/channel.entity';
import { AssignmentStrategy } from '../../src/channels/strategy/assignment';
import { testDataSourceOptions } from '../support/test-database';

/** The channel tables and the mirror writes channels make, on the real MariaDB. */
describe('ChannelRepository', () => {
  let ds: DataSource;
  let repo: ChannelRepository;
  const corpId = `wwrepo${Date.now().toString(36)}`;
  let channel: ChannelEntity;

  beforeAll(async () => {
    ds = new DataSource(testDataSourceOptions(3));
    await ds.initialize();
    repo = new ChannelRepository(
      ds.getRepository(ChannelEntity),
      ds.getRepository(ChannelAddEntity),
      ds,
    );
    channel = await repo.insert({
      corpId,
      name: '海报',
      folder: '',
      type: ChannelType.Multi,
      strategy: AssignmentStrategy.RoundRobin,
      skipVerify: true,
      staff: [{ userId: 'lina' }],
      departmentIds: [],
      timezone: 'Asia/Shanghai',
      tagIds: ['et1'],
      welcome: null,
      remarkTemplate: null,
      expiresAt: null,
      state: `ch_${Date.now().toString(36)}`,
    });
  });

  afterAll(async () => {
    await ds.destroy();
  });

  const newAdd = (ext: string, key: string, at = new Date()) => ({
    corpId,
    channelId: channel.id,
    userId: 'lina',
    externalUserId: ext,
    addKey: key,
    changeType: 'add_external_contact',
    eventId: null,
    eventTime: at,
    receivedAt: at,
  });

  it('claims an add once and counts it once, however often it is replayed', async () => {
    const first = await repo.claimAdd(newAdd('wm1', 'code1'));
    const again = await Promise.all([1, 2, 3].map(() => repo.claimAdd(newAdd('wm1', 'code1'))));
    expect(first.inserted).toBe(true);
    expect(first.add).toMatchObject({ welcomeStatus: 'pending', countedAt: null });
    expect(again.every((a) => !a.inserted && a.add.id === first.add.id)).toBe(true);
    // not counted until settled; settling twice (a retried job, a stale copy) counts once
    expect(await repo.assignedOn(channel.id, '2026-11-23')).toEqual(new Map());
    const settle = () =>
      repo.settleAdd(first.add, '2026-11-23', { welcomeStatus: WelcomeStatus.Sent }, null);
    await Promise.all([settle(), settle(), settle()]);
    const second = await repo.claimAdd(newAdd('wm2', 'code2'));
    await repo.settleAdd(second.add, '2026-11-23', {}, null);
    expect(await repo.assignedOn(channel.id, '2026-11-23')).toEqual(new Map([['lina', 2]]));
    const replayed = await repo.claimAdd(newAdd('wm1', 'code1'));
    expect(replayed.add.welcomeStatus).toBe(WelcomeStatus.Sent);
    expect(replayed.add.countedAt).toBeInstanceOf(Date);
  });

  it('attributes a relation that does not exist yet without touching the mirror’s columns', async () => {
    await repo.attributeRelation(corpId, 'wm1', 'lina', channel.id, channel.state);
    await ds.query(
      `UPDATE follow_relation SET remark = 'from mirror', status = 'deleted_by_customer'
       WHERE corp_id = ? AND external_user_id = 'wm1'`,
      [corpId],
    );
    await repo.attributeRelation(corpId, 'wm1', 'lina', channel.id, channel.state);
    const [row] = await ds.query(
      'SELECT remark, status, channel_id AS channelId FROM follow_relation WHERE corp_id = ? AND external_user_id = ?',
      [corpId, 'wm1'],
    );
    expect(row).toEqual({
      remark: 'from mirror',
      status: 'deleted_by_customer',
      channelId: channel.id,
    });
  });

  it('takes over a mark the mirror copied from WeCom, keeps a manual one', async () => {
    await ds.query(
      `INSERT INTO customer_tag (corp_id, external_user_id, user_id, tag_id, source) VALUES
       (?, 'wm2', 'lina', 'et1', 'wecom'), (?, 'wm2', 'lina', 'et2', 'manual')`,
      [corpId, corpId],
    );
    await repo.markChannelTags(corpId, 'wm2', 'lina', ['et1', 'et2', 'et3'], {
      channelId: channel.id,
    });
    const rows = await ds.query(
      `SELECT tag_id AS tagId, source FROM customer_tag WHERE corp_id = ? AND external_user_id = 'wm2' ORDER BY tag_id`,
      [corpId],
    );
    expect(rows).toEqual([
      { tagId: 'et1', source: 'channel' },
      { tagId: 'et2', source: 'manual' },
      { tagId: 'et3', source: 'channel' },
    ]);
  });

  it('counts the funnel from relations: by channel_id, or by state before attribution lands', async () => {
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const rel = (
      ext: string,
      added: Date,
      status = 'active',
      deleted: Date | null = null,
      byState = false,
    ) =>
      ds.query(
        `INSERT INTO follow_relation (corp_id, external_user_id, user_id, state, channel_id, added_at, status, deleted_at)
         VALUES (?, ?, 'zhangwei', ?, ?, ?, ?, ?)`,
        [corpId, ext, channel.state, byState ? null : channel.id, added, status, deleted],
      );
    await rel('f1', daysAgo(10));
    await rel('f2', daysAgo(10), 'deleted_by_customer', daysAgo(9.5)); // lost within a day
    await rel('f3', daysAgo(10), 'deleted_by_staff', daysAgo(5)); // kept 1 day, lost before 7
    await rel('f4', daysAgo(0.5), 'active', null, true); // too young for "kept 1 day"; by state
    const rows = await repo.funnel({
      corpId,
      channelId: channel.id,
      from: daysAgo(30),
      to: now,
      now,
      offsetMinutes: 480,
    });
    const zhang = rows.filter((r) => r.userId === 'zhangwei');
    const sum = (k: keyof (typeof zhang)[0]) => zhang.reduce((s, r) => s + Number(r[k]), 0);
    expect(sum('adds')).toBe(4);
    expect(sum('active')).toBe(2);
    expect(sum('matured1')).toBe(3);
    expect(sum('kept1')).toBe(2);
    expect(sum('matured7')).toBe(3);
    expect(sum('kept7')).toBe(1);
    expect(sum('matured30')).toBe(0);
    expect(sum('deletedByCustomer')).toBe(1);
    expect(sum('deletedByStaff')).toBe(1);
  });
});
