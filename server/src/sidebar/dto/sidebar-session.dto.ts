import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CORP_ID } from '../../common/validation/wecom-ids';

export class CreateSidebarSessionDto {
  @ApiProperty({ description: 'The OAuth2 `code` WeCom appended to the sidebar URL' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  code: string;

  @ApiPropertyOptional({ description: 'Required when several corps are configured' })
  @IsOptional()
  @Matches(CORP_ID)
  corpId?: string;
}

export class SidebarStaffDto {
  userId: string;
  name: string;
  corpId: string;
}

export class SidebarSessionResponseDto {
  token: string;
  /** Seconds the token is valid; the page renews it before (POST /api/sidebar/session/renew). */
  expiresIn: number;
  staff: SidebarStaffDto;
}

/** What the page needs for `ww.register` once the guide is known. */
export class SidebarMeDto {
  staff: SidebarStaffDto;
  corpName: string;
  agentId: number;
  /** The corp's IANA time zone: the page shows every time in it. */
  timeZone: string;
}

export class OAuthUrlQueryDto {
  @ApiProperty({ description: 'Where WeCom sends the guide back: the page URL without its hash' })
  @IsString()
  @MaxLength(1024)
  @Matches(/^https?:\/\/[^\s#]+$/, { message: 'redirectUri must be an http(s) URL without a hash' })
  redirectUri: string;

  @ApiProperty({ description: "The page's random state (a-zA-Z0-9, at most 128)" })
  @Matches(/^[A-Za-z0-9]{8,128}$/)
  state: string;

  @ApiPropertyOptional({ description: 'Required when several corps are configured' })
  @IsOptional()
  @Matches(CORP_ID)
  corpId?: string;
}

export class OAuthUrlDto {
  url: string;
}

export class SignatureQueryDto {
  @ApiProperty({ description: 'The page URL (location.href); the hash is removed before signing' })
  @IsString()
  @MaxLength(2048)
  @Matches(/^https?:\/\/\S+$/, { message: 'url must be an http(s) URL' })
  url: string;
}

/** `getConfigSignature` / `getAgentConfigSignature` answers for `ww.register`. */
export class JsSdkSignatureDto {
  timestamp: number;
  nonceStr: string;
  signature: string;
}
