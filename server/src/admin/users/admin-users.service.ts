import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { AppException } from '../../common/app.exception';
import { CorpService } from '../../corps/corp.service';
import { AuthUser } from '../auth/access';
import {
  AdminAccess,
  AdminUserRecord,
  AdminUserRepository,
  LastInstallationAdminError,
} from '../auth/admin-user.repository';
import { hashPassword } from '../auth/auth.service';
import { AdminUserResponseDto, toAdminUserResponse } from '../auth/dto/auth.dto';
import { TokenVersionService } from '../auth/token-version.service';
import { CreateAdminUserDto, UpdateAdminUserDto } from './dto/admin-users.dto';

const validation = (field: string, message: string) =>
  new AppException('VALIDATION_FAILED', `Invalid ${field}: ${message}`, HttpStatus.BAD_REQUEST, {
    [field]: [message],
  });

/**
 * Admin accounts: create, change access, disable/enable, reset a password. Any change that
 * narrows what a session may do (disable, new role or corps, new password) ends the user's
 * sessions at once through the token version.
 */
@Injectable()
export class AdminUsersService {
  private readonly logger = new Logger(AdminUsersService.name);

  constructor(
    private readonly users: AdminUserRepository,
    private readonly corps: CorpService,
    private readonly versions: TokenVersionService,
  ) {}

  async list(): Promise<AdminUserResponseDto[]> {
    return (await this.users.findAll()).map(toAdminUserResponse);
  }

  async get(id: string): Promise<AdminUserResponseDto> {
    return toAdminUserResponse(await this.require(id));
  }

  /** Whether any enabled installation-wide admin exists (the first-run wizard asks). */
  async hasInstallationAdmin(): Promise<boolean> {
    return (await this.users.countInstallationAdmins()) > 0;
  }

  async create(dto: CreateAdminUserDto): Promise<AdminUserResponseDto> {
    const access = await this.accessOf(dto, true);
    if (await this.users.findByUsername(dto.username)) throw taken(dto.username);
    try {
      const user = await this.users.insert(
        {
          username: dto.username,
          displayName: dto.displayName,
          passwordHash: await hashPassword(dto.password),
        },
        access!,
      );
      this.logger.log({ username: user.username, id: user.id }, 'admin user created');
      return toAdminUserResponse(user);
    } catch (err) {
      if ((err as { code?: string }).code === 'ER_DUP_ENTRY') throw taken(dto.username);
      throw err;
    }
  }

  async update(id: string, dto: UpdateAdminUserDto, by: AuthUser): Promise<AdminUserResponseDto> {
    const access = await this.accessOf(dto, false);
    return this.change(id, by, {
      displayName: dto.displayName,
      access,
      bumpTokens: access !== undefined,
    });
  }

  setDisabled(id: string, disabled: boolean, by: AuthUser): Promise<AdminUserResponseDto> {
    if (disabled && by.kind === 'admin' && by.id === id) {
      throw new AppException(
        'ADMIN_USER_SELF_DISABLE',
        'You cannot disable your own account: ask another admin',
        HttpStatus.BAD_REQUEST,
      );
    }
    // enabling does not revive old sessions: disabling bumped their version
    return this.change(id, by, { disabled, bumpTokens: disabled });
  }

  async resetPassword(id: string, password: string, by: AuthUser): Promise<AdminUserResponseDto> {
    return this.change(id, by, { passwordHash: await hashPassword(password), bumpTokens: true });
  }

  private async change(
    id: string,
    by: AuthUser,
    change: Parameters<AdminUserRepository['update']>[1],
  ): Promise<AdminUserResponseDto> {
    let user: AdminUserRecord | null;
    try {
      user = await this.users.update(id, change);
    } catch (err) {
      if (err instanceof LastInstallationAdminError) {
        throw new AppException(
          'LAST_INSTALLATION_ADMIN',
          'This is the last enabled installation-wide admin: make another account one first',
          HttpStatus.BAD_REQUEST,
        );
      }
      throw err;
    }
    if (!user) throw notFound(id);
    // the cached version follows every change (a disable, an enable, a bump)
    await this.versions.publish(`admin:${user.id}`);
    this.logger.log(
      {
        id: user.id,
        by: by.username,
        disabled: change.disabled,
        access: change.access ? toAdminUserResponse(user).corps : undefined,
        passwordReset: change.passwordHash !== undefined,
      },
      'admin user changed',
    );
    return toAdminUserResponse(user);
  }

  /** The access a body asks for, its corps checked to exist (a 400 naming the field). */
  private async accessOf(
    dto: { role?: CreateAdminUserDto['role']; corps?: CreateAdminUserDto['corps'] },
    required: boolean,
  ): Promise<AdminAccess | undefined> {
    if (dto.role && dto.corps) {
      throw validation('corps', 'give either role (installation-wide) or corps (scoped), not both');
    }
    if (dto.role) return { installationRole: dto.role };
    if (!dto.corps) {
      if (required) throw validation('role', 'give role (installation-wide) or corps (scoped)');
      return undefined;
    }
    const known = new Set((await this.corps.list()).map((c) => c.corpId));
    const seen = new Set<string>();
    dto.corps.forEach((c, i) => {
      if (!known.has(c.corpId)) throw validation(`corps[${i}].corpId`, `no corp ${c.corpId}`);
      if (seen.has(c.corpId)) throw validation(`corps[${i}].corpId`, `${c.corpId} is listed twice`);
      seen.add(c.corpId);
    });
    return { corps: dto.corps.map((c) => ({ corpId: c.corpId, role: c.role })) };
  }

  private async require(id: string): Promise<AdminUserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw notFound(id);
    return user;
  }
}

const taken = (username: string) =>
  new AppException('ADMIN_USER_EXISTS', `Username ${username} is taken`, HttpStatus.CONFLICT, {
    username: ['username is taken'],
  });

const notFound = (id: string) =>
  new AppException('ADMIN_USER_NOT_FOUND', `Admin user ${id} not found`, HttpStatus.NOT_FOUND);
