import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface DayCount {
  day: string;
  n: number;
}

/** Counts over the follow-relation mirror for the dashboard (reads only). */
@Injectable()
export class CustomerStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Customers with at least one active relation. */
  async activeCustomers(corpId: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT COUNT(DISTINCT external_user_id) AS n FROM follow_relation
       WHERE corp_id = ? AND status = 'active'`,
      [corpId],
    );
    return Number(row?.n ?? 0);
  }

  /** Relations added per local day since `from` (offsetMinutes: the time zone's UTC offset). */
  addedPerDay(corpId: string, from: Date, offsetMinutes: number): Promise<DayCount[]> {
    return this.perDay('added_at', '', corpId, from, offsetMinutes);
  }

  /** Relations ended per local day since `from`: deleted by the customer or by staff. */
  lostPerDay(corpId: string, from: Date, offsetMinutes: number): Promise<DayCount[]> {
    return this.perDay(
      'deleted_at',
      "AND status IN ('deleted_by_customer', 'deleted_by_staff')",
      corpId,
      from,
      offsetMinutes,
    );
  }

  /** Staff with the most active relations (customers followed), most first. */
  async topStaff(corpId: string, limit: number): Promise<Array<{ userId: string; n: number }>> {
    const rows: Array<{ userId: string; n: string }> = await this.dataSource.query(
      `SELECT user_id AS userId, COUNT(*) AS n FROM follow_relation
       WHERE corp_id = ? AND status = 'active'
       GROUP BY user_id ORDER BY n DESC, user_id LIMIT ?`,
      [corpId, limit],
    );
    return rows.map((r) => ({ userId: r.userId, n: Number(r.n) }));
  }

  private async perDay(
    column: 'added_at' | 'deleted_at',
    extra: string,
    corpId: string,
    from: Date,
    offsetMinutes: number,
  ): Promise<DayCount[]> {
    const rows: Array<{ day: string; n: string }> = await this.dataSource.query(
      `SELECT DATE_FORMAT(${column} + INTERVAL ? MINUTE, '%Y-%m-%d') AS day, COUNT(*) AS n
       FROM follow_relation WHERE corp_id = ? AND ${column} >= ? ${extra}
       GROUP BY day`,
      [offsetMinutes, corpId, from],
    );
    return rows.map((r) => ({ day: r.day, n: Number(r.n) }));
  }
}
