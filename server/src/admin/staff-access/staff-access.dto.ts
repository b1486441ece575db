import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
} from 'class-validator';
import { CORP_ID, WECOM_ID } from '../../common/validation/wecom-ids';
import { Role } from '../auth/role';
import type { WebLoginParams } from '../../wecom/web-login-url';
import { StaffConsoleRoleEntity } from './staff-console-role.entity';

export class WebLoginUrlQueryDto {
  @ApiPropertyOptional({ description: 'Required when several corps are configured' })
  @IsOptional()
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId?: string;

  @ApiPropertyOptional({
    description:
      'Where WeCom sends the browser back (default PUBLIC_BASE_URL/login/wecom); its domain must be the app’s trusted domain in WeCom',
  })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(512)
  redirectUri?: string;
}

export class WebLoginUrlResponseDto {
  corpId: string;
  /** The documented login link (open it in a new window). */
  url: string;
  /** The same as parameters of `ww.createWWLoginPanel({ params })`. */
  params: WebLoginParams;
  /** Valid this many seconds, once. */
  expiresIn: number;
}

export class WebLoginDto {
  @ApiProperty()
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;

  @ApiProperty({ description: 'The `code` WeCom appended to the redirect' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  code: string;

  @ApiProperty({ description: 'The `state` WeCom appended to the redirect (from login-url)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  state: string;
}

export class StaffRoleParamsDto {
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;

  @Matches(WECOM_ID, { message: 'userId must be a WeCom userid' })
  userId: string;
}

export class CorpParamDto {
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;
}

export class GrantStaffRoleDto {
  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;
}

export class StaffConsoleRoleResponseDto {
  corpId: string;
  userId: string;
  @ApiProperty({ enum: Role })
  role: Role;
  grantedBy: string | null;
  updatedAt: string;
}

export function toStaffRoleResponse(row: StaffConsoleRoleEntity): StaffConsoleRoleResponseDto {
  return {
    corpId: row.corpId,
    userId: row.userId,
    role: row.role as Role,
    grantedBy: row.grantedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}
