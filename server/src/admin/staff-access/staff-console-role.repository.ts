import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { Role } from '../auth/role';
import { StaffConsoleRoleEntity } from './staff-console-role.entity';

@Injectable()
export class StaffConsoleRoleRepository {
  constructor(
    @InjectRepository(StaffConsoleRoleEntity)
    private readonly repo: Repository<StaffConsoleRoleEntity>,
  ) {}

  find(corpId: string, userId: string): Promise<StaffConsoleRoleEntity | null> {
    return this.repo.findOneBy({ corpId, userId });
  }

  /** The members of a corp who hold a console role. */
  listGranted(corpId: string): Promise<StaffConsoleRoleEntity[]> {
    return this.repo.find({ where: { corpId, role: Not(IsNull()) }, order: { userId: 'ASC' } });
  }

  /**
   * Sets the member's role (null: no access) and bumps the token version, so every session of
   * theirs from before ends. Returns the row as stored.
   */
  async setRole(
    corpId: string,
    userId: string,
    role: Role | null,
    grantedBy: string | null,
  ): Promise<StaffConsoleRoleEntity> {
    await this.repo.query(
      `INSERT INTO staff_console_role (corp_id, user_id, role, granted_by, token_version)
       VALUES (?, ?, ?, ?, 0)
       ON DUPLICATE KEY UPDATE role = VALUES(role), granted_by = VALUES(granted_by),
         token_version = token_version + 1`,
      [corpId, userId, role, grantedBy],
    );
    return (await this.find(corpId, userId))!;
  }

  /** Takes the member's role away (bumping the token version); false when they had none. */
  async revoke(corpId: string, userId: string): Promise<boolean> {
    const res: { affectedRows: number } = await this.repo.query(
      `UPDATE staff_console_role SET role = NULL, token_version = token_version + 1
       WHERE corp_id = ? AND user_id = ? AND role IS NOT NULL`,
      [corpId, userId],
    );
    return res.affectedRows > 0;
  }
}
