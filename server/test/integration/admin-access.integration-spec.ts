import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import {
  AdminUserRepository,
  LastInstallationAdminError,
} from '../../src/admin/auth/admin-user.repository';
import { AdminUserCorpEntity } from '../../src/admin/auth/entities/admin-user-corp.entity';
import { AdminUserEntity } from '../../src/admin/auth/entities/admin-user.entity';
import { Role } from '../../src/admin/auth/role';
import { TokenVersionService } from '../../src/admin/auth/token-version.service';
import { StaffConsoleRoleEntity } from '../../src/admin/staff-access/staff-console-role.entity';
import { StaffConsoleRoleRepository } from '../../src/admin/staff-access/staff-console-role.repository';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { dbServerConnection } from '../support/db-server';

/**
 * On a database of its own (the run's database is shared and holds the seeded admin): the rule
 * that keeps one enabled installation-wide admin, under concurrent changes; and the Redis-cached
 * token versions that end sessions at once.
 */
describe('admin access storage', () => {
  const dbName = `scrm_test_access_${randomBytes(4).toString('hex')}`;
  let ds: DataSource;
  let users: AdminUserRepository;
  let staffRoles: StaffConsoleRoleRepository;
  let redis: Redis;
  let versions: TokenVersionService;

  beforeAll(async () => {
    const server = await dbServerConnection().initialize();
    await server.query(
      `CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await server.destroy();
    ds = new DataSource(
      buildDataSourceOptions({
        host: process.env.DB_HOST!,
        port: Number(process.env.DB_PORT ?? 3306),
        username: process.env.DB_USER!,
        password: process.env.DB_PASSWORD ?? '',
        database: dbName,
        poolSize: 6,
      }),
    );
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    users = new AdminUserRepository(
      ds.getRepository(AdminUserEntity),
      ds.getRepository(AdminUserCorpEntity),
      ds,
    );
    staffRoles = new StaffConsoleRoleRepository(ds.getRepository(StaffConsoleRoleEntity));
    redis = new Redis({
      host: process.env.REDIS_HOST,
      port: Number(process.env.REDIS_PORT ?? 6379),
    });
    const prefix = `test-access-${randomBytes(3).toString('hex')}`;
    versions = new TokenVersionService(redis, users, staffRoles, {
      get: () => prefix,
    } as never);
  });

  afterAll(async () => {
    await ds?.query(`DROP DATABASE \`${dbName}\``);
    await ds?.destroy();
    redis?.disconnect();
  });

  const admin = (username: string) =>
    users.insert(
      { username, displayName: username, passwordHash: 'x' },
      { installationRole: Role.Admin },
    );

  it('refuses to disable or demote the last enabled installation-wide admin', async () => {
    const only = await admin('only.admin');
    await expect(
      users.update(only.id, { disabled: true, bumpTokens: true }),
    ).rejects.toBeInstanceOf(LastInstallationAdminError);
    await expect(
      users.update(only.id, { access: { installationRole: Role.Manager }, bumpTokens: true }),
    ).rejects.toBeInstanceOf(LastInstallationAdminError);
    // the display name may change
    expect(
      (await users.update(only.id, { displayName: '唯一', bumpTokens: false }))!.displayName,
    ).toBe('唯一');
    const second = await admin('second.admin');
    // two demotions at once: the lock lets one through and refuses the other
    const results = await Promise.allSettled([
      users.update(only.id, { disabled: true, bumpTokens: true }),
      users.update(second.id, { disabled: true, bumpTokens: true }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(await users.countInstallationAdmins()).toBe(1);
  });

  it('serves token versions from Redis and publishes a change at once', async () => {
    const user = await users.insert(
      { username: 'tv.user', displayName: 'tv', passwordHash: 'x' },
      { corps: [] as never },
    );
    const principal = `admin:${user.id}`;
    expect(await versions.current(principal)).toBe(0);
    // the cached value is used: a change written without publishing is not seen
    await ds.query('UPDATE admin_user SET token_version = 7 WHERE id = ?', [user.id]);
    expect(await versions.current(principal)).toBe(0);
    await versions.publish(principal);
    expect(await versions.current(principal)).toBe(7);
    await users.update(user.id, { disabled: true, bumpTokens: true });
    await versions.publish(principal);
    expect(await versions.current(principal)).toBeNull();

    expect(await versions.current('staff:wwnocorp01:lina')).toBeNull();
  });
});
