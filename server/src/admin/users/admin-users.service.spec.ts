import { Role } from '../auth/role';
import { LastInstallationAdminError } from '../auth/admin-user.repository';
import { AdminUsersService } from './admin-users.service';

const admin = {
  kind: 'admin' as const,
  id: '1',
  username: 'admin',
  installationRole: Role.Admin,
  corps: [],
  role: Role.Admin,
};

function setup() {
  const users = {
    update: jest.fn(),
    findByUsername: jest.fn(async () => null),
    insert: jest.fn(),
  };
  const corps = { list: jest.fn(async () => [{ corpId: 'wwcorpa01' }]) };
  const versions = { publish: jest.fn(async () => undefined) };
  const service = new AdminUsersService(users as never, corps as never, versions as never);
  return { service, users, versions };
}

describe('AdminUsersService', () => {
  it('answers 400 with a sentence when the change would remove the last installation admin', async () => {
    const { service, users, versions } = setup();
    users.update.mockRejectedValue(new LastInstallationAdminError());
    const err = await service.update('2', { role: Role.Viewer }, admin).catch((e) => e);
    expect(err).toMatchObject({ status: 400, code: 'LAST_INSTALLATION_ADMIN' });
    expect(err.message).toMatch(/last enabled installation-wide admin/);
    expect(versions.publish).not.toHaveBeenCalled();
    const disabled = await service.setDisabled('2', true, admin).catch((e) => e);
    expect(disabled).toMatchObject({ status: 400, code: 'LAST_INSTALLATION_ADMIN' });
  });

  it('refuses an admin disabling their own account before touching storage', async () => {
    const { service, users } = setup();
    const err = await service.setDisabled('1', true, admin).catch((e) => e);
    expect(err).toMatchObject({ status: 400, code: 'ADMIN_USER_SELF_DISABLE' });
    expect(users.update).not.toHaveBeenCalled();
  });

  it('names the field of an unknown or repeated corp, and refuses role with corps', async () => {
    const { service, users } = setup();
    const base = { username: 'new.user', displayName: '新用户', password: 'a-long-password' };
    const unknown = await service
      .create({ ...base, corps: [{ corpId: 'wwnotacorp', role: Role.Viewer }] })
      .catch((e) => e);
    expect(unknown).toMatchObject({
      status: 400,
      errors: { 'corps[0].corpId': expect.any(Array) },
    });
    const twice = await service
      .create({
        ...base,
        corps: [
          { corpId: 'wwcorpa01', role: Role.Viewer },
          { corpId: 'wwcorpa01', role: Role.Admin },
        ],
      })
      .catch((e) => e);
    expect(twice.errors).toHaveProperty(['corps[1].corpId']);
    const neither = await service.create(base).catch((e) => e);
    expect(neither.errors).toHaveProperty('role');
    expect(users.insert).not.toHaveBeenCalled();
  });

  it('publishes the token version after every change, so sessions follow at once', async () => {
    const { service, users, versions } = setup();
    users.update.mockResolvedValue({
      id: '2',
      username: 'u',
      displayName: 'u',
      role: Role.Viewer,
      installationWide: true,
      corps: [],
      disabled: false,
      lastLoginAt: null,
      createdAt: new Date(),
    });
    await service.setDisabled('2', false, admin);
    expect(users.update).toHaveBeenCalledWith('2', { disabled: false, bumpTokens: false });
    expect(versions.publish).toHaveBeenCalledWith('admin:2');
  });
});
