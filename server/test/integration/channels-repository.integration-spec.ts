import { DataSource } from 'typeorm';
import { ChannelRepository } from '../../src/channels/channel.repository';
import { ChannelAddEntity, WelcomeStatus } from '../../src/channels/entities/channel-add.entity';
import { ChannelEntity, ChannelType } from '../../src/channels/entities/channel.entity';
import { AssignmentStrategy } from '../../src/channels/strategy/assignment';
import {
  FollowRelationRepository,
  parseJson,
} from '../../src/customers/follow-relation.repository';
import { TagMarkRepository } from '../../src/tags/tag-mark.repository';
import { testDataSourceOptions } from '../support/test-database';

/** The channel tables, the add journal the mirror shares, mark precedence and the funnel. */
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
      repo.settleAdd(first.add, '2026-11-23', { welcomeStatus: WelcomeStatus.Sent });
    await Promise.all([settle(), settle(), settle()]);
    const second = await repo.claimAdd(newAdd('wm2', 'code2'));
    await repo.settleAdd(second.add, '2026-11-23', {});
    expect(await repo.assignedOn(channel.id, '2026-11-23')).toEqual(new Map([['lina', 2]]));
    const replayed = await repo.claimAdd(newAdd('wm1', 'code1'));
    expect(replayed.add.welcomeStatus).toBe(WelcomeStatus.Sent);
    expect(replayed.add.countedAt).toBeInstanceOf(Date);
  });

  it('the mirror journals an add first; the welcome job then claims the same row, still pending', async () => {
    const id = await repo.attributeAdd(newAdd('wm3', 'code3'), new Date());
    const again = await repo.attributeAdd(newAdd('wm3', 'code3'), new Date());
    expect(again).toBe(id);
    const claimed = await repo.claimAdd(newAdd('wm3', 'code3'));
    expect(claimed.inserted).toBe(false);
    expect(claimed.add).toMatchObject({ id, welcomeStatus: WelcomeStatus.Pending });
    expect(claimed.add.attributedAt).toBeInstanceOf(Date);
  });

  it('the stronger source keeps a mark: channel takes over a copy of WeCom’s, not a manual one', async () => {
    const marks = new TagMarkRepository(ds);
    await ds.query(
      `INSERT INTO customer_tag (corp_id, external_user_id, user_id, tag_id, source) VALUES
       (?, 'wm2', 'lina', 'et1', 'wecom'), (?, 'wm2', 'lina', 'et2', 'manual')`,
      [corpId, corpId],
    );
    const channelMark = (tagId: string) => ({
      externalUserId: 'wm2',
      userId: 'lina',
      tagId,
      source: 'channel',
      evidence: { channelId: channel.id },
    });
    await marks.upsert(null, corpId, ['et1', 'et2', 'et3'].map(channelMark));
    // a copy of WeCom's view arriving later changes nothing (weaker than channel)
    await marks.upsert(null, corpId, [{ ...channelMark('et3'), source: 'sync', evidence: null }]);
    const rows = await ds.query(
      `SELECT tag_id AS tagId, source, evidence FROM customer_tag
       WHERE corp_id = ? AND external_user_id = 'wm2' ORDER BY tag_id`,
      [corpId],
    );
    expect(rows.map((r: { tagId: string; source: string }) => [r.tagId, r.source])).toEqual([
      ['et1', 'channel'],
      ['et2', 'manual'],
      ['et3', 'channel'],
    ]);
    expect(parseJson(rows[0].evidence)).toEqual({ channelId: channel.id });
    expect(rows[1].evidence).toBeNull();
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
    // the relations are customers' to count, the channels channels' to name
    const rows = await new FollowRelationRepository(ds).funnel({
      corpId,
      channels: await repo.listStates(corpId, channel.id),
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
