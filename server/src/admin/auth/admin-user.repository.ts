import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { CorpGrant, highestRole } from './access';
import { AdminUserCorpEntity } from './entities/admin-user-corp.entity';
import { AdminUserEntity } from './entities/admin-user.entity';
import { Role } from './role';

/** An admin user with their corps (empty for an installation-wide account). */
export type AdminUserRecord = AdminUserEntity & { corps: CorpGrant[] };

/** Where an account may work: installation-wide with one role, or a role per corp. */
export type AdminAccess =
  | { installationRole: Role; corps?: undefined }
  | { corps: CorpGrant[]; installationRole?: undefined };

/** The change would leave the installation without an enabled installation-wide admin. */
export class LastInstallationAdminError extends Error {}

@Injectable()
export class AdminUserRepository {
  constructor(
    @InjectRepository(AdminUserEntity) private readonly repo: Repository<AdminUserEntity>,
    @InjectRepository(AdminUserCorpEntity)
    private readonly corpRepo: Repository<AdminUserCorpEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async findByUsername(username: string): Promise<AdminUserRecord | null> {
    return this.withCorps(await this.repo.findOneBy({ username }));
  }

  async findById(id: string): Promise<AdminUserRecord | null> {
    return this.withCorps(await this.repo.findOneBy({ id }));
  }

  /** Just the row, for the token-version lookup on every request. */
  findRowById(id: string): Promise<AdminUserEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async findAll(): Promise<AdminUserRecord[]> {
    const users = await this.repo.find({ order: { id: 'ASC' } });
    const grants = await this.corpRepo.find({ order: { corpId: 'ASC' } });
    return users.map((u) => ({
      ...u,
      corps: grants
        .filter((g) => g.adminUserId === u.id)
        .map((g) => ({ corpId: g.corpId, role: g.role })),
    }));
  }

  /** Enabled installation-wide admins: the installation must keep at least one. */
  countInstallationAdmins(): Promise<number> {
    return this.repo.countBy({ installationWide: true, role: Role.Admin, disabled: false });
  }

  async insert(
    user: Pick<AdminUserEntity, 'username' | 'displayName' | 'passwordHash'>,
    access: AdminAccess,
  ): Promise<AdminUserRecord> {
    const id = await this.dataSource.transaction(async (m) => {
      const result = await m.insert(AdminUserEntity, { ...user, ...accessColumns(access) });
      const newId = String(result.identifiers[0].id);
      await writeCorps(m, newId, access);
      return newId;
    });
    return (await this.findById(id))!;
  }

  /**
   * Applies a change to one user under a lock on the enabled installation-wide admins, so that
   * two changes at once cannot remove the last of them. `bumpTokens` ends the user's sessions.
   * Returns null when the user does not exist.
   */
  async update(
    id: string,
    change: {
      displayName?: string;
      access?: AdminAccess;
      disabled?: boolean;
      passwordHash?: string;
      bumpTokens: boolean;
    },
  ): Promise<AdminUserRecord | null> {
    const found = await this.dataSource.transaction(async (m) => {
      const admins: Array<{ id: string }> = await m.query(
        `SELECT id FROM admin_user WHERE installation_wide = 1 AND role = 'admin' AND disabled = 0 FOR UPDATE`,
      );
      const rows: Array<{ id: string }> = await m.query(
        'SELECT id FROM admin_user WHERE id = ? FOR UPDATE',
        [id],
      );
      if (!rows.length) return false;
      const isAdmin = admins.some((a) => String(a.id) === id);
      const staysAdmin =
        change.disabled !== true &&
        (!change.access || change.access.installationRole === Role.Admin);
      if (isAdmin && !staysAdmin && admins.length <= 1) throw new LastInstallationAdminError();

      const columns: Partial<AdminUserEntity> = {};
      if (change.displayName !== undefined) columns.displayName = change.displayName;
      if (change.disabled !== undefined) columns.disabled = change.disabled;
      if (change.passwordHash !== undefined) columns.passwordHash = change.passwordHash;
      if (change.access) Object.assign(columns, accessColumns(change.access));
      if (Object.keys(columns).length) await m.update(AdminUserEntity, { id }, columns);
      if (change.bumpTokens)
        await m.query('UPDATE admin_user SET token_version = token_version + 1 WHERE id = ?', [id]);
      if (change.access) {
        await m.delete(AdminUserCorpEntity, { adminUserId: id });
        await writeCorps(m, id, change.access);
      }
      return true;
    });
    return found ? this.findById(id) : null;
  }

  async touchLastLogin(id: string): Promise<void> {
    await this.repo.update({ id }, { lastLoginAt: new Date() });
  }

  private async withCorps(user: AdminUserEntity | null): Promise<AdminUserRecord | null> {
    if (!user) return null;
    const grants = await this.corpRepo.find({
      where: { adminUserId: user.id },
      order: { corpId: 'ASC' },
    });
    return { ...user, corps: grants.map((g) => ({ corpId: g.corpId, role: g.role })) };
  }
}

function accessColumns(access: AdminAccess): Pick<AdminUserEntity, 'installationWide' | 'role'> {
  return access.corps
    ? { installationWide: false, role: highestRole(access.corps.map((c) => c.role)) }
    : { installationWide: true, role: access.installationRole };
}

async function writeCorps(m: EntityManager, adminUserId: string, access: AdminAccess) {
  if (!access.corps?.length) return;
  await m.insert(
    AdminUserCorpEntity,
    access.corps.map((c) => ({ adminUserId, corpId: c.corpId, role: c.role })),
  );
}
