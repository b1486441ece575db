import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CORP_ID, WECOM_ID } from '../../common/validation/wecom-ids';

/** Messages in one ingest request (WeCom's GetChatData gives at most 1,000 a pull). */
export const INGEST_BATCH_MAX = 1000;

/** The common fields of one decrypted archive message (checked per message by the service). */
export class ArchiveMessageDto {
  @IsString()
  @Matches(/^[\w.@=+/-]{1,128}$/, {
    message: 'msgid must be 1-128 letters, digits or _ . @ = + / -',
  })
  msgid: string;

  @IsIn(['send', 'recall', 'switch'])
  action: string;

  @IsString()
  @MaxLength(64)
  from: string;

  @IsArray()
  @ArrayMaxSize(10000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tolist: string[];

  @IsString()
  @MaxLength(64)
  roomid: string;

  @IsInt()
  @Min(0)
  msgtime: number;

  @IsString()
  @MaxLength(32)
  msgtype: string;
}

export class IngestMessagesDto {
  @ApiProperty({
    description:
      'Decrypted archive messages (DecryptData output), at most 1,000; each keeps its type’s own object (text, image, mixed, …).',
    type: 'array',
    items: { type: 'object' },
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INGEST_BATCH_MAX)
  @IsObject({ each: true })
  messages: Record<string, unknown>[];
}

export class IngestResultDto {
  @ApiProperty({ description: 'messages in the request' })
  received: number;
  @ApiProperty({ description: 'messages stored for the first time' })
  inserted: number;
  @ApiProperty({ description: 'messages already stored (replays): nothing changed' })
  duplicates: number;
}

export class ChatArchiveSettingsDto {
  @ApiProperty()
  corpId: string;
  @ApiProperty({ description: 'messages older than this many days are deleted' })
  retentionDays: number;
  @ApiProperty({ description: 'whether a sidecar ingest token is set' })
  hasIngestToken: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'first characters of the token' })
  ingestTokenHint: string | null;
  @ApiProperty({ description: 'last archive seq the puller stored' })
  pullSeq: number;
  @ApiProperty({ nullable: true, type: String })
  pulledAt: string | null;
  @ApiProperty({ description: 'messages stored for the corp' })
  messageCount: number;
}

export class UpdateChatArchiveSettingsDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiProperty({ minimum: 1, maximum: 3650 })
  @IsInt()
  @Min(1)
  @Max(3650)
  retentionDays: number;
}

export class CorpBodyDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;
}

export class IngestTokenDto {
  @ApiProperty({ description: 'the new token: shown once, stored only as its SHA-256' })
  token: string;
}

export class ChatHistoryQueryDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiPropertyOptional({ description: 'next page: nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,15}_\d{1,20}$/)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ExternalUserParamDto {
  @ApiProperty()
  @Matches(WECOM_ID)
  externalUserId: string;
}

export class ChatMessageDto {
  @ApiProperty()
  msgid: string;
  @ApiProperty()
  action: string;
  @ApiProperty()
  from: string;
  @ApiProperty({ description: 'staff name or customer name of `from`, when the mirror has it' })
  fromName: string | null;
  @ApiProperty({ description: 'true: the customer sent it' })
  fromCustomer: boolean;
  @ApiProperty({ type: [String] })
  tolist: string[];
  @ApiProperty({ description: "'' in a private chat" })
  roomid: string;
  @ApiProperty({ description: 'ISO 8601' })
  msgtime: string;
  @ApiProperty()
  msgtype: string;
  @ApiProperty({ description: 'the text (text.content, a link’s title, a file’s name …)' })
  text: string;
}

export class ChatHistoryPageDto {
  @ApiProperty({ type: [ChatMessageDto], description: 'newest first' })
  items: ChatMessageDto[];
  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
