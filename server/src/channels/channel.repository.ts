import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { ChannelAddEntity, WelcomeStatus } from './entities/channel-add.entity';
import { ChannelEntity, ChannelStatus } from './entities/channel.entity';

/** How long `findByStateCached` keeps a channel (an edit reaches other processes within it). */
export const CHANNEL_CACHE_MS = 5_000;
const CHANNEL_CACHE_MAX = 10_000;

export interface NewChannelAdd {
  corpId: string;
  channelId: string;
  userId: string;
  externalUserId: string;
  addKey: string;
  changeType: string;
  eventId: string | null;
  eventTime: Date;
  receivedAt: Date;
}

/**
 * Channels' data access: the channel tables (channel, channel_add, channel_staff_day), each
 * written so that a replay changes nothing. Everything else goes through its owner's service.
 */
@Injectable()
export class ChannelRepository {
  constructor(
    @InjectRepository(ChannelEntity) private readonly channels: Repository<ChannelEntity>,
    @InjectRepository(ChannelAddEntity) private readonly adds: Repository<ChannelAddEntity>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** `findByStateCached`: the channel of a state, or `{ channel: null }` for a state of none. */
  private readonly byState = new LRUCache<string, { channel: ChannelEntity | null }>({
    max: CHANNEL_CACHE_MAX,
    ttl: CHANNEL_CACHE_MS,
  });

  // ------------------------------------------------------------------ channels

  async insert(row: Partial<ChannelEntity>): Promise<ChannelEntity> {
    const saved = await this.channels.save(this.channels.create(row));
    this.byState.clear();
    return (await this.findById(saved.corpId, saved.id))!;
  }

  findById(corpId: string, id: string): Promise<ChannelEntity | null> {
    return this.channels.findOneBy({ corpId, id, deletedAt: IsNull() });
  }

  /** Also a deleted channel: adds that arrived before the deletion are still applied. */
  findByIdWithDeleted(corpId: string, id: string): Promise<ChannelEntity | null> {
    return this.channels.findOneBy({ corpId, id });
  }

  findByState(corpId: string, state: string): Promise<ChannelEntity | null> {
    return this.channels.findOneBy({ corpId, state, deletedAt: IsNull() });
  }

  /**
   * `findByState` through a cache of CHANNEL_CACHE_MS per process, for the welcome path: a burst
   * of adds costs one query per channel. Edits and deletions made through this process clear it;
   * other processes see them within CHANNEL_CACHE_MS.
   */
  async findByStateCached(corpId: string, state: string): Promise<ChannelEntity | null> {
    const key = `${corpId}\n${state}`;
    const hit = this.byState.get(key);
    if (hit) return hit.channel;
    const channel = await this.findByState(corpId, state);
    this.byState.set(key, { channel });
    return channel;
  }

  list(corpId: string, filter: { folder?: string; q?: string }): Promise<ChannelEntity[]> {
    const qb = this.channels
      .createQueryBuilder('c')
      .where('c.corp_id = :corpId AND c.deleted_at IS NULL', { corpId })
      .orderBy('c.id', 'DESC');
    if (filter.folder !== undefined) qb.andWhere('c.folder = :folder', { folder: filter.folder });
    if (filter.q) qb.andWhere('c.name LIKE :q', { q: `%${filter.q.replace(/[%_\\]/g, '\\$&')}%` });
    return qb.getMany();
  }

  async update(corpId: string, id: string, changes: Partial<ChannelEntity>): Promise<void> {
    await this.channels.update({ corpId, id }, changes);
    this.byState.clear();
  }

  /** Only for a channel WeCom refused to create: nothing refers to it yet. */
  async hardDelete(corpId: string, id: string): Promise<void> {
    await this.channels.delete({ corpId, id });
    this.byState.clear();
  }

  async softDelete(corpId: string, id: string, at: Date): Promise<void> {
    await this.channels.update({ corpId, id }, { deletedAt: at });
    this.byState.clear();
  }

  /** Channels whose contact way the pool keeper maintains, all corps, by id (keyset paging). */
  async listLive(afterId: string, limit: number): Promise<Array<{ id: string; corpId: string }>> {
    return this.db.query(
      `SELECT id, corp_id AS corpId FROM channel
       WHERE id > ? AND deleted_at IS NULL AND status = ? AND config_id IS NOT NULL
       ORDER BY id LIMIT ?`,
      [afterId, ChannelStatus.Active, limit],
    );
  }

  // ------------------------------------------------------------------ counters

  async assignedOn(channelId: string, day: string): Promise<Map<string, number>> {
    const rows: Array<{ userId: string; adds: number }> = await this.db.query(
      'SELECT user_id AS userId, adds FROM channel_staff_day WHERE channel_id = ? AND day = ?',
      [channelId, day],
    );
    return new Map(rows.map((r) => [r.userId, Number(r.adds)]));
  }

  // ------------------------------------------------------------------ the add journal

  /**
   * The add's journal row: one `INSERT IGNORE` on (corp, staff, customer, add key), so the same
   * add delivered twice, replayed or retried finds its row and its welcome state. Counting the
   * add happens later, in `settleAdd`, so that the welcome is sent after one round trip.
   */
  async claimAdd(a: NewChannelAdd): Promise<{ add: ChannelAddEntity; inserted: boolean }> {
    const res: { affectedRows: number; insertId: number | string } = await this.db.query(
      `INSERT IGNORE INTO channel_add
         (corp_id, channel_id, user_id, external_user_id, add_key, change_type, event_id,
          event_time, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        a.corpId,
        a.channelId,
        a.userId,
        a.externalUserId,
        a.addKey,
        a.changeType,
        a.eventId,
        a.eventTime,
        a.receivedAt,
      ],
    );
    if (res.affectedRows === 1) {
      const add = this.adds.create({
        ...a,
        id: String(res.insertId),
        welcomeStatus: WelcomeStatus.Pending,
        welcomeReason: null,
        welcomeErrcode: null,
        welcomeLatencyMs: null,
        tagsMarkedAt: null,
        tagsMarkedOk: false,
        remarkedAt: null,
        attributedAt: null,
        countedAt: null,
      });
      return { add, inserted: true };
    }
    const add = await this.adds.findOneByOrFail({
      corpId: a.corpId,
      userId: a.userId,
      externalUserId: a.externalUserId,
      addKey: a.addKey,
    });
    return { add, inserted: false };
  }

  /**
   * After the welcome, in one transaction (one commit): the welcome's outcome on the journal row,
   * whatever else the caller writes in it (`alsoInTx`: its timeline entry, through the timeline
   * service), and the add counted on its staff member's day, once (`counted_at`).
   */
  async settleAdd(
    add: Pick<ChannelAddEntity, 'id' | 'corpId' | 'channelId' | 'userId' | 'countedAt'>,
    day: string,
    changes: Partial<ChannelAddEntity>,
    alsoInTx?: (tx: EntityManager) => Promise<unknown>,
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      if (Object.keys(changes).length) await m.update(ChannelAddEntity, { id: add.id }, changes);
      if (alsoInTx) await alsoInTx(m);
      if (add.countedAt) return;
      const counted: { affectedRows: number } = await m.query(
        'UPDATE channel_add SET counted_at = CURRENT_TIMESTAMP(3) WHERE id = ? AND counted_at IS NULL',
        [add.id],
      );
      if (counted.affectedRows !== 1) return;
      await m.query(
        `INSERT INTO channel_staff_day (corp_id, channel_id, user_id, day, adds) VALUES (?, ?, ?, ?, 1)
         ON DUPLICATE KEY UPDATE adds = adds + 1`,
        [add.corpId, add.channelId, add.userId, day],
      );
    });
  }

  findAdd(corpId: string, id: string): Promise<ChannelAddEntity | null> {
    return this.adds.findOneBy({ corpId, id });
  }

  async updateAdd(id: string, changes: Partial<ChannelAddEntity>): Promise<void> {
    await this.adds.update({ id }, changes);
  }

  /** Adds of a channel, newest first (for the console and tests). */
  listAdds(corpId: string, channelId: string, limit: number): Promise<ChannelAddEntity[]> {
    return this.adds.find({ where: { corpId, channelId }, order: { id: 'DESC' }, take: limit });
  }

  /**
   * The mirror attributed an add: the add's journal row, created here when the welcome job has
   * not claimed it yet (same unique key as `claimAdd`), marked attributed. Returns the row's id.
   */
  async attributeAdd(a: NewChannelAdd, at: Date): Promise<string> {
    await this.db.query(
      `INSERT INTO channel_add
         (corp_id, channel_id, user_id, external_user_id, add_key, change_type, event_id,
          event_time, received_at, attributed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE attributed_at = COALESCE(attributed_at, VALUES(attributed_at))`,
      [
        a.corpId,
        a.channelId,
        a.userId,
        a.externalUserId,
        a.addKey,
        a.changeType,
        a.eventId,
        a.eventTime,
        a.receivedAt,
        at,
      ],
    );
    const [row] = await this.db.query(
      `SELECT id FROM channel_add
       WHERE corp_id = ? AND user_id = ? AND external_user_id = ? AND add_key = ?`,
      [a.corpId, a.userId, a.externalUserId, a.addKey],
    );
    return String(row.id);
  }

  /** Names of the corp's channels by id, deleted ones too. */
  async names(corpId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.db.query(
      `SELECT id, name FROM channel WHERE corp_id = ? AND id IN (?)`,
      [corpId, ids],
    );
    return new Map(rows.map((r) => [String(r.id), r.name]));
  }

  /** Every channel of the corp with its state, deleted ones too (their adds still count). */
  async listStates(
    corpId: string,
    channelId?: string,
  ): Promise<Array<{ id: string; state: string }>> {
    const rows: Array<{ id: string; state: string }> = await this.db.query(
      `SELECT id, state FROM channel WHERE corp_id = ?${channelId ? ' AND id = ?' : ''}`,
      channelId ? [corpId, channelId] : [corpId],
    );
    return rows.map((r) => ({ id: String(r.id), state: r.state }));
  }
}
