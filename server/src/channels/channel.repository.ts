import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { ChannelAddEntity, WelcomeStatus } from './entities/channel-add.entity';
import { ChannelEntity, ChannelStatus } from './entities/channel.entity';

/** A row of the staff mirror, as far as channels need it (read only: staff/ owns the table). */
export interface StaffRow {
  userId: string;
  name: string;
  customerContact: boolean;
  wecomStatus: number;
  departedAt: Date | null;
}

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

export interface FunnelFilter {
  corpId: string;
  channelId?: string;
  from: Date;
  to: Date;
  now: Date;
  /** Minutes east of UTC of the reporting time zone (days are cut there). */
  offsetMinutes: number;
}

export interface FunnelRow {
  day: string;
  channelId: string;
  userId: string;
  adds: number;
  active: number;
  matured1: number;
  kept1: number;
  matured7: number;
  kept7: number;
  matured30: number;
  kept30: number;
  deletedByCustomer: number;
  deletedByStaff: number;
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

  // ------------------------------------------------------------------ staff, departments, tags (read only)

  async hasStaffMirror(corpId: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM staff WHERE corp_id = ? LIMIT 1', [corpId]);
    return rows.length > 0;
  }

  async findStaff(corpId: string, userIds: string[]): Promise<StaffRow[]> {
    if (userIds.length === 0) return [];
    const rows: Array<{
      userId: string;
      name: string;
      customerContact: number;
      wecomStatus: number;
      departedAt: Date | null;
    }> = await this.db.query(
      `SELECT user_id AS userId, name, customer_contact AS customerContact,
              wecom_status AS wecomStatus, departed_at AS departedAt
       FROM staff WHERE corp_id = ? AND user_id IN (?)`,
      [corpId, userIds],
    );
    return rows.map((r) => ({
      ...r,
      customerContact: Number(r.customerContact) === 1,
      wecomStatus: Number(r.wecomStatus),
    }));
  }

  /** Departments of the mirror among `ids`, and the whole tree (for subtrees). */
  async departmentTree(corpId: string): Promise<Array<{ id: number; parentId: number }>> {
    const rows: Array<{ id: number; parentId: number }> = await this.db.query(
      'SELECT id, parent_id AS parentId FROM department WHERE corp_id = ? AND deleted_at IS NULL',
      [corpId],
    );
    return rows.map((r) => ({ id: Number(r.id), parentId: Number(r.parentId) }));
  }

  /** Active staff with customer contact in any of the departments (ids of a subtree). */
  async staffInDepartments(corpId: string, departmentIds: number[]): Promise<string[]> {
    if (departmentIds.length === 0) return [];
    const rows: Array<{ userId: string }> = await this.db.query(
      `SELECT user_id AS userId FROM staff
       WHERE corp_id = ? AND departed_at IS NULL AND wecom_status = 1 AND customer_contact = 1
         AND (${departmentIds.map(() => 'JSON_CONTAINS(department_ids, ?)').join(' OR ')})
       ORDER BY user_id`,
      [corpId, ...departmentIds.map((d) => String(d))],
    );
    return rows.map((r) => r.userId);
  }

  /** The tag ids among `tagIds` the tag mirror knows; null when the mirror has no tags. */
  async knownTagIds(corpId: string, tagIds: string[]): Promise<Set<string> | null> {
    const any = await this.db.query('SELECT 1 FROM tag WHERE corp_id = ? LIMIT 1', [corpId]);
    if (any.length === 0) return null;
    if (tagIds.length === 0) return new Set();
    const rows: Array<{ tagId: string }> = await this.db.query(
      'SELECT tag_id AS tagId FROM tag WHERE corp_id = ? AND deleted_at IS NULL AND tag_id IN (?)',
      [corpId, tagIds],
    );
    return new Set(rows.map((r) => r.tagId));
  }

  // ------------------------------------------------------------------ counters

  async assignedOn(channelId: string, day: string): Promise<Map<string, number>> {
    const rows: Array<{ userId: string; adds: number }> = await this.db.query(
      'SELECT user_id AS userId, adds FROM channel_staff_day WHERE channel_id = ? AND day = ?',
      [channelId, day],
    );
    return new Map(rows.map((r) => [r.userId, Number(r.adds)]));
  }

  async activeCustomers(corpId: string, userIds: string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ userId: string; n: number }> = await this.db.query(
      `SELECT user_id AS userId, COUNT(*) AS n FROM follow_relation
       WHERE corp_id = ? AND status = 'active' AND user_id IN (?) GROUP BY user_id`,
      [corpId, userIds],
    );
    return new Map(rows.map((r) => [r.userId, Number(r.n)]));
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
   * The mirror attributes an add (in its transaction `tx`): the add's journal row, created here
   * when the welcome job has not claimed it yet (same unique key as `claimAdd`), marked
   * attributed. Returns the row's id.
   */
  async attributeAdd(tx: EntityManager, a: NewChannelAdd, at: Date): Promise<string> {
    await tx.query(
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
    const [row] = await tx.query(
      `SELECT id FROM channel_add
       WHERE corp_id = ? AND user_id = ? AND external_user_id = ? AND add_key = ?`,
      [a.corpId, a.userId, a.externalUserId, a.addKey],
    );
    return String(row.id);
  }

  // ------------------------------------------------------------------ funnel

  /**
   * Funnel counts per day × channel × staff, from follow_relation (one row per relation, so
   * replays never count twice). A relation belongs to a channel by channel_id, or by state
   * while the attribution has not landed yet. "Kept N days" only counts relations at least N
   * days old (`maturedN`).
   */
  async funnel(f: FunnelFilter): Promise<FunnelRow[]> {
    const added = 'COALESCE(fr.added_at, fr.created_at)';
    const lost = `fr.status IN ('deleted_by_staff', 'deleted_by_customer')`;
    const kept = (days: number) =>
      `SUM(${added} <= ? - INTERVAL ${days} DAY AND NOT (${lost} AND COALESCE(fr.deleted_at, fr.updated_at) < ${added} + INTERVAL ${days} DAY))`;
    const matured = (days: number) => `SUM(${added} <= ? - INTERVAL ${days} DAY)`;
    const params: unknown[] = [f.offsetMinutes, f.now, f.now, f.now, f.now, f.now, f.now, f.corpId];
    let channelFilter = '';
    if (f.channelId) {
      channelFilter = 'AND c.id = ?';
      params.push(f.channelId);
    }
    params.push(f.from, f.to);
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT DATE_FORMAT(${added} + INTERVAL ? MINUTE, '%Y-%m-%d') AS day,
              c.id AS channelId, fr.user_id AS userId,
              COUNT(*) AS adds,
              SUM(fr.status = 'active') AS active,
              ${matured(1)} AS matured1, ${kept(1)} AS kept1,
              ${matured(7)} AS matured7, ${kept(7)} AS kept7,
              ${matured(30)} AS matured30, ${kept(30)} AS kept30,
              SUM(fr.status = 'deleted_by_customer') AS deletedByCustomer,
              SUM(fr.status = 'deleted_by_staff') AS deletedByStaff
       FROM follow_relation fr
       JOIN channel c ON c.corp_id = fr.corp_id
         AND (fr.channel_id = c.id OR (fr.channel_id IS NULL AND fr.state = c.state))
       WHERE fr.corp_id = ? ${channelFilter} AND ${added} >= ? AND ${added} < ?
       GROUP BY day, c.id, fr.user_id
       ORDER BY day, c.id, fr.user_id`,
      // matured/kept take `now` in SELECT order: matured1, kept1, matured7, kept7, ...
      params,
    );
    const n = (v: unknown) => Number(v ?? 0);
    return rows.map((r) => ({
      day: String(r.day),
      channelId: String(r.channelId),
      userId: String(r.userId),
      adds: n(r.adds),
      active: n(r.active),
      matured1: n(r.matured1),
      kept1: n(r.kept1),
      matured7: n(r.matured7),
      kept7: n(r.kept7),
      matured30: n(r.matured30),
      kept30: n(r.kept30),
      deletedByCustomer: n(r.deletedByCustomer),
      deletedByStaff: n(r.deletedByStaff),
    }));
  }
}
