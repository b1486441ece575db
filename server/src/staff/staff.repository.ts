import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan, Not, Repository } from 'typeorm';
import { DepartmentEntity } from './entities/department.entity';
import { StaffEntity } from './entities/staff.entity';

/** What the mirror keeps of a WeCom member (user/get). */
export interface StaffRow {
  userId: string;
  name: string;
  departmentIds: number[];
  mainDepartment: number | null;
  position: string;
  avatar: string;
  wecomStatus: number;
  /** listed by get_follow_user_list */
  customerContact: boolean;
}

/** A member as the channel pool sees them (may they receive customers?). */
export interface StaffAvailability {
  userId: string;
  name: string;
  customerContact: boolean;
  wecomStatus: number;
  departedAt: Date | null;
}

export interface DepartmentRow {
  id: number;
  name: string;
  parentId: number;
  sortOrder: number;
}

@Injectable()
export class StaffRepository {
  constructor(
    @InjectRepository(StaffEntity) private readonly staff: Repository<StaffEntity>,
    @InjectRepository(DepartmentEntity) private readonly departments: Repository<DepartmentEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  // ------------------------------------------------------------------ staff

  findStaff(corpId: string, userId: string): Promise<StaffEntity | null> {
    return this.staff.findOneBy({ corpId, userId });
  }

  /** One page by userid (keyset: the rows after `cursor`). */
  listStaff(
    corpId: string,
    filter: { departed?: boolean; cursor?: string; limit: number },
  ): Promise<StaffEntity[]> {
    return this.staff.find({
      where: {
        corpId,
        ...(filter.departed === undefined
          ? {}
          : { departedAt: filter.departed ? Not(IsNull()) : IsNull() }),
        ...(filter.cursor ? { userId: MoreThan(filter.cursor) } : {}),
      },
      order: { userId: 'ASC' },
      take: filter.limit,
    });
  }

  async hasAnyStaff(corpId: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM staff WHERE corp_id = ? LIMIT 1', [
      corpId,
    ]);
    return rows.length > 0;
  }

  /** Who may receive customers, as far as the mirror knows (the channel pool's check). */
  async availability(corpId: string, userIds: string[]): Promise<StaffAvailability[]> {
    if (userIds.length === 0) return [];
    const rows: Array<{
      userId: string;
      name: string;
      customerContact: number;
      wecomStatus: number;
      departedAt: Date | null;
    }> = await this.dataSource.query(
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

  /** The live department tree (id and parent), for subtrees. */
  async departmentTree(corpId: string): Promise<Array<{ id: number; parentId: number }>> {
    const rows: Array<{ id: number; parentId: number }> = await this.dataSource.query(
      'SELECT id, parent_id AS parentId FROM department WHERE corp_id = ? AND deleted_at IS NULL',
      [corpId],
    );
    return rows.map((r) => ({ id: Number(r.id), parentId: Number(r.parentId) }));
  }

  /** The departments a member is in (none when the mirror does not have them). */
  async departmentIdsOf(corpId: string, userId: string): Promise<number[]> {
    const rows: Array<{ departmentIds: unknown }> = await this.dataSource.query(
      'SELECT department_ids AS departmentIds FROM staff WHERE corp_id = ? AND user_id = ?',
      [corpId, userId],
    );
    const raw = rows[0]?.departmentIds;
    const ids = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
    return Array.isArray(ids) ? ids.map(Number).filter(Number.isFinite) : [];
  }

  /** Active staff with customer contact in any of the departments (ids of a subtree). */
  async contactStaffInDepartments(corpId: string, departmentIds: number[]): Promise<string[]> {
    if (departmentIds.length === 0) return [];
    const rows: Array<{ userId: string }> = await this.dataSource.query(
      `SELECT user_id AS userId FROM staff
       WHERE corp_id = ? AND departed_at IS NULL AND wecom_status = 1 AND customer_contact = 1
         AND (${departmentIds.map(() => 'JSON_CONTAINS(department_ids, ?)').join(' OR ')})
       ORDER BY user_id`,
      [corpId, ...departmentIds.map((d) => String(d))],
    );
    return rows.map((r) => r.userId);
  }

  /** Names by userid (members the mirror has). */
  async names(corpId: string, userIds: string[]): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows: Array<{ userId: string; name: string }> = await this.dataSource.query(
      'SELECT user_id AS userId, name FROM staff WHERE corp_id = ? AND user_id IN (?)',
      [corpId, userIds],
    );
    return new Map(rows.filter((r) => r.name).map((r) => [r.userId, r.name]));
  }

  /** Active (not departed) userids of the corp. */
  async activeUserIds(corpId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.dataSource.query(
      'SELECT user_id FROM staff WHERE corp_id = ? AND departed_at IS NULL',
      [corpId],
    );
    return rows.map((r) => r.user_id);
  }

  /** Upserts members as WeCom lists them: a listed, not-quit member is not departed. */
  async upsertStaff(corpId: string, rows: StaffRow[]): Promise<void> {
    if (!rows.length) return;
    const now = new Date();
    const values = rows.flatMap((r) => [
      corpId,
      r.userId,
      r.name,
      JSON.stringify(r.departmentIds),
      r.mainDepartment,
      r.position,
      r.avatar,
      r.wecomStatus,
      r.customerContact ? 1 : 0,
      r.wecomStatus === 5 ? now : null,
    ]);
    await this.dataSource.query(
      `INSERT INTO staff (corp_id, user_id, name, department_ids, main_department, position, avatar,
         wecom_status, customer_contact, departed_at)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE name = VALUES(name), department_ids = VALUES(department_ids),
         main_department = VALUES(main_department), position = VALUES(position),
         avatar = VALUES(avatar), customer_contact = VALUES(customer_contact),
         departed_at = IF(VALUES(wecom_status) = 5, COALESCE(departed_at, VALUES(departed_at)), NULL),
         wecom_status = VALUES(wecom_status)`,
      values,
    );
  }

  /** Sets customer_contact from get_follow_user_list: listed members 1, every other 0. */
  async setCustomerContact(corpId: string, followUserIds: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE staff SET customer_contact = 0 WHERE corp_id = ? AND customer_contact = 1`,
      [corpId],
    );
    for (let i = 0; i < followUserIds.length; i += 1000) {
      const chunk = followUserIds.slice(i, i + 1000);
      await this.dataSource.query(
        `UPDATE staff SET customer_contact = 1 WHERE corp_id = ? AND user_id IN (${chunk
          .map(() => '?')
          .join(',')})`,
        [corpId, ...chunk],
      );
    }
  }

  /**
   * The member left the corp (delete_user, or user/get says 60111 / status 5). Keeps the first
   * departure time; inserts a row for a member the mirror never saw.
   */
  async markDeparted(corpId: string, userId: string, at: Date): Promise<boolean> {
    const res: { affectedRows: number } = await this.dataSource.query(
      `INSERT INTO staff (corp_id, user_id, department_ids, wecom_status, departed_at)
       VALUES (?, ?, '[]', 5, ?)
       ON DUPLICATE KEY UPDATE wecom_status = 5, departed_at = COALESCE(departed_at, VALUES(departed_at))`,
      [corpId, userId, at],
    );
    return res.affectedRows > 0;
  }

  /**
   * WeCom changed a userid (update_user with NewUserID): the staff row follows (a row already
   * present under the new id wins). The other owners rename their own tables on
   * StaffUserIdRenamed. Returns false when there was nothing left to rename (a retry).
   */
  async renameUserId(corpId: string, oldId: string, newId: string): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const [exists]: Array<{ n: number }> = await m.query(
        'SELECT COUNT(*) AS n FROM staff WHERE corp_id = ? AND user_id = ?',
        [corpId, newId],
      );
      const res: { affectedRows?: number } =
        Number(exists.n) > 0
          ? await m.query('DELETE FROM staff WHERE corp_id = ? AND user_id = ?', [corpId, oldId])
          : await m.query('UPDATE staff SET user_id = ? WHERE corp_id = ? AND user_id = ?', [
              newId,
              corpId,
              oldId,
            ]);
      return Number(res?.affectedRows ?? 0) > 0;
    });
  }

  // ------------------------------------------------------------------ departments

  listDepartments(corpId: string, includeDeleted = false): Promise<DepartmentEntity[]> {
    return this.departments.find({
      where: includeDeleted ? { corpId } : { corpId, deletedAt: IsNull() },
      order: { id: 'ASC' },
    });
  }

  async upsertDepartments(corpId: string, rows: DepartmentRow[]): Promise<void> {
    if (!rows.length) return;
    const values = rows.flatMap((r) => [corpId, r.id, r.name, r.parentId, r.sortOrder]);
    await this.dataSource.query(
      `INSERT INTO department (corp_id, id, name, parent_id, sort_order, deleted_at)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, NULL)').join(', ')}
       ON DUPLICATE KEY UPDATE name = VALUES(name), parent_id = VALUES(parent_id),
         sort_order = VALUES(sort_order), deleted_at = NULL`,
      values,
    );
  }

  /** Departments no longer in WeCom's tree are marked deleted. */
  async markDepartmentsDeletedExcept(corpId: string, keepIds: number[]): Promise<number> {
    const res: { affectedRows: number } = await this.dataSource.query(
      `UPDATE department SET deleted_at = ? WHERE corp_id = ? AND deleted_at IS NULL${
        keepIds.length ? ` AND id NOT IN (${keepIds.map(() => '?').join(',')})` : ''
      }`,
      [new Date(), corpId, ...keepIds],
    );
    return res.affectedRows;
  }
}
