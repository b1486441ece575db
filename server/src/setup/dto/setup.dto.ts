import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CorpResponseDto, CreateCorpDto } from '../../corps/dto/corp.dto';
import { CORP_ID } from '../../common/validation/wecom-ids';
import type { Sentence } from '../setup-sentences';

export class SetupStatusDto {
  /** An admin account exists (the seeded one counts). */
  hasAdmin: boolean;
  /** At least one corp is registered. */
  hasCorp: boolean;
  /** The console opens the first-run wizard. */
  needsSetup: boolean;
}

export class CreateFirstAdminDto {
  @ApiProperty({ example: 'admin' })
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, {
    message: 'username must be 3-64 letters, digits, _, . or -',
  })
  username: string;

  @ApiPropertyOptional({ example: '系统管理员' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  displayName?: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(256)
  password: string;
}

/** A corp as the wizard registers it: the server generates the callback Token and EncodingAESKey. */
export class RegisterCorpDto extends OmitType(CreateCorpDto, [
  'callbackToken',
  'encodingAESKey',
] as const) {}

export class SetupCorpParamDto {
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;
}

/** What the admin pastes into WeCom's 接收消息 → 设置API接收 (admins only: it is a secret). */
export class CallbackSettingsDto {
  /** PUBLIC_BASE_URL + /wecom/callback/<CorpID> */
  url: string;
  token: string;
  encodingAESKey: string;
  /** When WeCom last verified the URL (the server answered its GET); null: not yet. */
  verifiedAt: string | null;
}

export class RegisteredCorpDto {
  corp: CorpResponseDto;
  callback: CallbackSettingsDto;
}

export type CheckKey =
  | 'corpId'
  | 'agentSecret'
  | 'contactSecret'
  | 'addressBookSecret'
  | 'trustedIp'
  | 'customerContact'
  | 'callback';

/** ok: passed; failed: WeCom refused (errcode set); pending: waiting for WeCom; skipped: not checked. */
export type CheckStatus = 'ok' | 'failed' | 'pending' | 'skipped';

export class CheckResultDto {
  key: CheckKey;
  status: CheckStatus;
  /** WeCom's errcode when WeCom refused; null otherwise. */
  errcode: number | null;
  /** The sentence in Chinese, saying what is wrong and where to fix it. */
  zh: string;
  en: string;
  /** Where in WeCom's admin console to fix it. */
  fixAt: string | null;
}

export class SetupCheckReportDto {
  corpId: string;
  /** Every check passed (the callback verification included). */
  ok: boolean;
  checks: CheckResultDto[];
  /** The server's egress IP as WeCom reported it (from a 60020 errmsg); null when unknown. */
  egressIp: string | null;
  /** Members with customer-contact permission the app can see (get_follow_user_list). */
  followUsers: number | null;
  callbackVerifiedAt: string | null;
  checkedAt: string;
}

export function toCheck(
  key: CheckKey,
  status: CheckStatus,
  sentence: Sentence,
  errcode: number | null = null,
): CheckResultDto {
  return { key, status, errcode, ...sentence };
}
