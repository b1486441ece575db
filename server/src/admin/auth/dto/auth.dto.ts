import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AdminUserRecord } from '../admin-user.repository';
import { AuthUser, CorpGrant, highestRole } from '../access';
import { Role } from '../role';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'a long password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}

export class CorpGrantResponseDto {
  corpId: string;
  @ApiProperty({ enum: Role })
  role: Role;
}

/** An admin account as the API shows it (never its password hash). */
export class AdminUserResponseDto {
  id: string;
  username: string;
  displayName: string;
  /** The role everywhere when installation-wide; otherwise the highest of `corps` (for menus). */
  @ApiProperty({ enum: Role })
  role: Role;
  /** true: `role` holds in every corp; false: only `corps`, each with its role. */
  installationWide: boolean;
  @ApiProperty({ type: [CorpGrantResponseDto] })
  corps: CorpGrant[];
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** Who a session belongs to: an admin account or a staff member signed in through WeCom. */
export class SessionUserDto {
  @ApiProperty({ enum: ['admin', 'staff'] })
  kind: 'admin' | 'staff';
  id: string;
  username: string;
  displayName: string;
  @ApiProperty({ enum: Role })
  role: Role;
  installationWide: boolean;
  @ApiProperty({ type: [CorpGrantResponseDto] })
  corps: CorpGrant[];
}

export class LoginResponseDto {
  accessToken: string;
  expiresIn: number;
  user: SessionUserDto;
}

export function toAdminUserResponse(user: AdminUserRecord): AdminUserResponseDto {
  const { role, corps } = authUserOf(user);
  return {
    id: String(user.id),
    username: user.username,
    displayName: user.displayName,
    role,
    installationWide: user.installationWide,
    corps,
    disabled: user.disabled,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** The session's account as a token carries it. */
export function authUserOf(
  user: Pick<AdminUserRecord, 'id' | 'username' | 'installationWide' | 'role' | 'corps'>,
): AuthUser {
  const corps = user.installationWide ? [] : user.corps;
  return {
    kind: 'admin',
    id: String(user.id),
    username: user.username,
    installationRole: user.installationWide ? user.role : null,
    corps,
    role: user.installationWide ? user.role : highestRole(corps.map((c) => c.role)),
  };
}

export function toSessionUser(user: AuthUser, displayName: string): SessionUserDto {
  return {
    kind: user.kind,
    id: user.id,
    username: user.username,
    displayName,
    role: user.role,
    installationWide: user.installationRole !== null,
    corps: user.corps,
  };
}
