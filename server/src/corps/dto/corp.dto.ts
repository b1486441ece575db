import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CorpEntity } from '../entities/corp.entity';
import { CORP_ID } from '../../common/validation/wecom-ids';

export class CreateCorpDto {
  @ApiProperty({ example: 'ww5f3a9c1e7b2d4068', description: 'WeCom CorpID' })
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;

  @ApiProperty({ example: '栖木生活' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name: string;

  @ApiProperty({ example: 1000002 })
  @IsInt()
  @Min(1)
  @Max(2147483647, { message: 'agentId must be an AgentId of WeCom (1 to 2147483647)' })
  agentId: number;

  @ApiPropertyOptional({
    example: 'Asia/Shanghai',
    description: "IANA time zone every page shows the corp's times in (default Asia/Shanghai)",
  })
  @IsOptional()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone, e.g. Asia/Shanghai' })
  timeZone?: string;

  @ApiProperty({ description: 'Secret of the self-built app (write only)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  agentSecret: string;

  @ApiPropertyOptional({ description: '客户联系 secret (write only)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  contactSecret?: string;

  @ApiPropertyOptional({ description: '通讯录 secret (write only)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  addressBookSecret?: string;

  @ApiProperty({ description: 'Callback Token: letters and digits, at most 32 (write only)' })
  @Matches(/^[A-Za-z0-9]{1,32}$/, { message: 'callbackToken must be 1-32 letters or digits' })
  callbackToken: string;

  @ApiProperty({
    description: 'Callback EncodingAESKey: exactly 43 letters or digits (write only)',
  })
  @Matches(/^[A-Za-z0-9]{43}$/, { message: 'encodingAESKey must be exactly 43 letters or digits' })
  encodingAESKey: string;
}

export class UpdateCorpDto extends PartialType(OmitType(CreateCorpDto, ['corpId'] as const)) {}

/** What the API says about a corp: never a secret, only whether each one is set. */
export class CorpResponseDto {
  corpId: string;
  name: string;
  agentId: number;
  /** IANA time zone every page shows the corp's times in. */
  timeZone: string;
  credentials: {
    agentSecret: boolean;
    contactSecret: boolean;
    addressBookSecret: boolean;
    callbackToken: boolean;
    encodingAESKey: boolean;
  };
  callbackPath: string;
  /** When WeCom last verified the callback URL (the server answered its GET echostr); null: never. */
  callbackVerifiedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toCorpResponse(corp: CorpEntity): CorpResponseDto {
  return {
    corpId: corp.id,
    name: corp.name,
    agentId: corp.agentId,
    timeZone: corp.timeZone,
    credentials: {
      agentSecret: Boolean(corp.agentSecretSealed),
      contactSecret: Boolean(corp.contactSecretSealed),
      addressBookSecret: Boolean(corp.addressBookSecretSealed),
      callbackToken: Boolean(corp.callbackTokenSealed),
      encodingAESKey: Boolean(corp.encodingAesKeySealed),
    },
    callbackPath: `/wecom/callback/${corp.id}`,
    callbackVerifiedAt: corp.callbackVerifiedAt ? corp.callbackVerifiedAt.toISOString() : null,
    createdAt: corp.createdAt.toISOString(),
    updatedAt: corp.updatedAt.toISOString(),
  };
}
