import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FollowStatus } from './entities/follow-relation.entity';
import type { RelationRow } from './customer-mirror.rules';
import type { MirrorTx } from './mirror-transaction.repository';

export interface FunnelFilter {
  corpId: string;
  /** The channels to count (id and state: a relation belongs by channel_id, or by state). */
  channels: Array<{ id: string; state: string }>;
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

export interface RelationView extends RelationRow {
  id: string;
  staffName: string | null;
  /** The name of the channel that brought the relation (channels', read through CHANNEL_NAMES). */
  channelName?: string | null;
  updatedAt: Date;
}

const COLUMNS = `r.id, r.external_user_id AS externalUserId, r.user_id AS userId, r.remark, r.description,
  r.remark_corp_name AS remarkCorpName, r.remark_mobiles AS remarkMobiles, r.add_way AS addWay,
  r.oper_user_id AS operUserId, r.state, r.added_at AS addedAt, r.status, r.deleted_at AS deletedAt,
  r.last_event_time AS lastEventTime, r.channel_id AS channelId`;

/** follow_relation: one row per staff member × customer, active or ended. */
@Injectable()
export class FollowRelationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every relation of these customers, locked until the transaction ends (gaps included). */
  async lockByCustomers(
    tx: MirrorTx,
    corpId: string,
    externalUserIds: string[],
  ): Promise<RelationRow[]> {
    if (!externalUserIds.length) return [];
    const rows = await tx.query(
      `SELECT ${COLUMNS} FROM follow_relation r
       WHERE r.corp_id = ? AND r.external_user_id IN (?) FOR UPDATE`,
      [corpId, externalUserIds],
    );
    return rows.map(toRelationRow);
  }

  async lockPair(
    tx: MirrorTx,
    corpId: string,
    externalUserId: string,
    userId: string,
  ): Promise<RelationRow | null> {
    const [row] = await tx.query(
      `SELECT ${COLUMNS} FROM follow_relation r
       WHERE r.corp_id = ? AND r.external_user_id = ? AND r.user_id = ? FOR UPDATE`,
      [corpId, externalUserId, userId],
    );
    return row ? toRelationRow(row) : null;
  }

  /**
   * One multi-row INSERT … ON DUPLICATE KEY UPDATE: the planned rows are written as they are.
   * Known rows carry their id, so InnoDB finds each in the primary key at once instead of first
   * inserting a new clustered row and rolling it back on the (corp, customer, staff) unique key.
   */
  async upsertMany(tx: MirrorTx, corpId: string, rows: RelationRow[]): Promise<void> {
    if (!rows.length) return;
    const values: unknown[] = [];
    for (const r of rows) {
      values.push(
        r.id ?? null,
        corpId,
        r.externalUserId,
        r.userId,
        r.remark.slice(0, 128),
        r.description.slice(0, 512),
        r.remarkCorpName.slice(0, 128),
        r.remarkMobiles ? JSON.stringify(r.remarkMobiles) : null,
        r.addWay,
        r.operUserId,
        r.state ? r.state.slice(0, 64) : null,
        r.addedAt,
        r.status,
        r.deletedAt,
        r.lastEventTime,
        r.channelId ?? null,
      );
    }
    await tx.query(
      `INSERT INTO follow_relation (id, corp_id, external_user_id, user_id, remark, description,
         remark_corp_name, remark_mobiles, add_way, oper_user_id, state, added_at, status, deleted_at,
         last_event_time, channel_id)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE remark = VALUES(remark), description = VALUES(description),
         remark_corp_name = VALUES(remark_corp_name), remark_mobiles = VALUES(remark_mobiles),
         add_way = VALUES(add_way), oper_user_id = VALUES(oper_user_id), state = VALUES(state),
         added_at = VALUES(added_at), status = VALUES(status), deleted_at = VALUES(deleted_at),
         last_event_time = VALUES(last_event_time),
         channel_id = COALESCE(VALUES(channel_id), channel_id)`,
      values,
    );
  }

  /**
   * The server set this remark in WeCom (externalcontact/remark: no callback follows): the mirror
   * has it at once. A relation the mirror has not applied yet is left alone: its add carries the
   * same remark (see RelationAttribution). Returns whether a row changed.
   */
  async setRemark(
    corpId: string,
    externalUserId: string,
    userId: string,
    remark: string,
  ): Promise<boolean> {
    const res: { affectedRows?: number } = await this.dataSource.query(
      `UPDATE follow_relation SET remark = ? WHERE corp_id = ? AND external_user_id = ? AND user_id = ?`,
      [remark.slice(0, 128), corpId, externalUserId, userId],
    );
    return Number(res?.affectedRows ?? 0) > 0;
  }

  /** Active relations per staff member among `userIds` (channel caps). */
  async activeCountByStaff(corpId: string, userIds: string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ userId: string; n: number }> = await this.dataSource.query(
      `SELECT user_id AS userId, COUNT(*) AS n FROM follow_relation
       WHERE corp_id = ? AND status = 'active' AND user_id IN (?) GROUP BY user_id`,
      [corpId, userIds],
    );
    return new Map(rows.map((r) => [r.userId, Number(r.n)]));
  }

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
    if (!f.channels.length) return [];
    const params: unknown[] = [f.offsetMinutes, f.now, f.now, f.now, f.now, f.now, f.now];
    params.push(...f.channels.flatMap((c) => [c.id, c.state]), f.corpId, f.from, f.to);
    const channels = f.channels.map(() => 'SELECT ? AS id, ? AS state').join(' UNION ALL ');
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
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
       JOIN (${channels}) c
         ON fr.channel_id = c.id OR (fr.channel_id IS NULL AND fr.state = c.state)
       WHERE fr.corp_id = ? AND ${added} >= ? AND ${added} < ?
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

  /** StaffUserIdRenamed: relations follow the new userid (a relation already there wins). */
  async renameUserId(corpId: string, oldId: string, newId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        'UPDATE IGNORE follow_relation SET user_id = ? WHERE corp_id = ? AND user_id = ?',
        [newId, corpId, oldId],
      );
      await m.query('DELETE FROM follow_relation WHERE corp_id = ? AND user_id = ?', [
        corpId,
        oldId,
      ]);
    });
  }

  /**
   * Full sync: active relations of these staff not seen since `observedAt` (a snapshot raises
   * last_event_time to its observedAt) are ended. Uses idx_follow_staff.
   */
  async closeNotSeenSince(
    corpId: string,
    userIds: string[],
    observedAt: number,
    status: FollowStatus,
  ): Promise<number> {
    if (!userIds.length) return 0;
    const res = await this.dataSource.query(
      `UPDATE follow_relation SET status = ?, deleted_at = NOW(3)
       WHERE corp_id = ? AND user_id IN (?) AND status = 'active' AND last_event_time < ?`,
      [status, corpId, userIds, observedAt],
    );
    return Number(res?.affectedRows ?? 0);
  }

  /**
   * A handover WeCom confirmed (the successor took the customer over): the handover member's
   * relation ends as `transferred_out`, whatever a snapshot without it set before (WeCom sends no
   * delete event for a departed member's relations).
   */
  async endAsTransferredOut(
    tx: MirrorTx,
    corpId: string,
    externalUserId: string,
    userId: string,
  ): Promise<number> {
    const res = await tx.query(
      `UPDATE follow_relation SET status = ?, deleted_at = COALESCE(deleted_at, NOW(3))
       WHERE corp_id = ? AND external_user_id = ? AND user_id = ? AND status IN (?)`,
      [
        FollowStatus.TransferredOut,
        corpId,
        externalUserId,
        userId,
        [FollowStatus.Active, FollowStatus.DeletedByCustomer],
      ],
    );
    return Number(res?.affectedRows ?? 0);
  }

  /** The active relations of these customers (userid pairs only). */
  async activePairs(
    corpId: string,
    externalUserIds: string[],
  ): Promise<Array<{ externalUserId: string; userId: string }>> {
    if (!externalUserIds.length) return [];
    return this.dataSource.query(
      `SELECT external_user_id AS externalUserId, user_id AS userId FROM follow_relation
       WHERE corp_id = ? AND external_user_id IN (?) AND status = 'active'`,
      [corpId, externalUserIds],
    );
  }

  /**
   * Active relations whose remark is one of `remarks` or whose remark mobiles hold one of
   * `phones` (the tags import matches customers this way).
   */
  async matchByRemarkOrMobile(
    corpId: string,
    remarks: string[],
    phones: string[],
  ): Promise<
    Array<{ externalUserId: string; userId: string; remark: string; remarkMobiles: string[] }>
  > {
    if (!remarks.length && !phones.length) return [];
    const conds: string[] = [];
    const args: unknown[] = [corpId];
    if (remarks.length) {
      conds.push('remark IN (?)');
      args.push(remarks);
    }
    for (const phone of phones) {
      conds.push('JSON_CONTAINS(remark_mobiles, JSON_QUOTE(?))');
      args.push(phone);
    }
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT external_user_id AS externalUserId, user_id AS userId, remark,
              remark_mobiles AS remarkMobiles
       FROM follow_relation WHERE corp_id = ? AND status = 'active' AND (${conds.join(' OR ')})`,
      args,
    );
    return rows.map((r) => ({
      externalUserId: r.externalUserId as string,
      userId: r.userId as string,
      remark: (r.remark as string) ?? '',
      remarkMobiles: parseJson<string[]>(r.remarkMobiles) ?? [],
    }));
  }

  /** Relations of these customers (staffName is filled in by the service, from staff/). */
  async findByCustomers(corpId: string, externalUserIds: string[]): Promise<RelationView[]> {
    if (!externalUserIds.length) return [];
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS}, r.updated_at AS updatedAt
       FROM follow_relation r
       WHERE r.corp_id = ? AND r.external_user_id IN (?)
       ORDER BY r.external_user_id, r.status = 'active' DESC, r.added_at, r.id`,
      [corpId, externalUserIds],
    );
    return rows.map((r: Record<string, unknown>): RelationView => ({
      ...toRelationRow(r),
      id: String(r.id),
      staffName: null,
      updatedAt: r.updatedAt as Date,
    }));
  }
}

function toRelationRow(r: Record<string, unknown>): RelationRow {
  return {
    id: String(r.id),
    externalUserId: r.externalUserId as string,
    userId: r.userId as string,
    remark: (r.remark as string) ?? '',
    description: (r.description as string) ?? '',
    remarkCorpName: (r.remarkCorpName as string) ?? '',
    remarkMobiles: parseJson<string[]>(r.remarkMobiles),
    addWay: Number(r.addWay ?? 0),
    operUserId: (r.operUserId as string | null) ?? null,
    state: (r.state as string | null) ?? null,
    addedAt: (r.addedAt as Date | null) ?? null,
    status: r.status as FollowStatus,
    deletedAt: (r.deletedAt as Date | null) ?? null,
    lastEventTime: Number(r.lastEventTime ?? 0),
    channelId: r.channelId == null ? null : String(r.channelId),
  };
}

/** MariaDB returns JSON columns of raw queries as text. */
export function parseJson<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return null;
  }
}
