import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AudienceFilterDto } from '../../audience/dto/audience-filter.dto';
import { IsFutureDate } from '../../common/validation/future-date';
import { MaxUtf8Bytes } from '../../common/validation/max-bytes';
import { CORP_ID, ROW_ID, WECOM_ID } from '../../common/validation/wecom-ids';
import {
  MAX_ATTACHMENTS,
  MAX_LIST_SIZE,
  MAX_TEXT_BYTES,
  type BroadcastKind,
  type ReceiveLimit,
} from '../broadcast.types';

export class BroadcastCorpQueryDto {
  @ApiProperty({ example: 'ww5f3a9c1e7b2d4068' })
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;
}

export class BroadcastIdParamDto {
  @ApiProperty()
  @Matches(ROW_ID, { message: 'id must be a broadcast id' })
  id: string;
}

const AUDIENCE_TYPES = ['segment', 'filter', 'list', 'groups'] as const;

export class BroadcastAudienceDto {
  @ApiProperty({ enum: AUDIENCE_TYPES })
  @IsIn(AUDIENCE_TYPES as unknown as string[], {
    message: 'type must be one of segment, filter, list, groups',
  })
  type: (typeof AUDIENCE_TYPES)[number];

  @ApiPropertyOptional({ description: 'type segment: a saved segment (客户分群)' })
  @ValidateIf((o) => o.type === 'segment')
  @Matches(ROW_ID, { message: 'segmentId must be a segment id' })
  segmentId?: string;

  @ApiPropertyOptional({ type: AudienceFilterDto, description: 'type filter: an ad-hoc filter' })
  @ValidateIf((o) => o.type === 'filter')
  @ValidateNested()
  @Type(() => AudienceFilterDto)
  filter?: AudienceFilterDto;

  @ApiPropertyOptional({ type: [String], description: 'type list: external_userids (a CSV)' })
  @ValidateIf((o) => o.type === 'list')
  @IsArray()
  @ArrayMinSize(1, { message: 'externalUserIds must name at least one customer' })
  @ArrayMaxSize(MAX_LIST_SIZE)
  @Matches(WECOM_ID, { each: true, message: 'externalUserIds must be external_userids' })
  externalUserIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'type groups: owners' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(WECOM_ID, { each: true })
  ownerUserIds?: string[];

  @ApiPropertyOptional({ description: 'type groups: part of the group name' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  nameContains?: string;

  @ApiPropertyOptional({ type: [Number], description: 'type groups: owner’s departments' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  ownerDepartmentIds?: number[];

  @ApiPropertyOptional({ type: [String], description: 'type groups: chosen by hand' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100_000)
  @Matches(WECOM_ID, { each: true })
  chatIds?: string[];
}

const ATTACHMENT_TYPES = ['image', 'video', 'file', 'link', 'miniprogram'] as const;

export class BroadcastAttachmentDto {
  @ApiProperty({ enum: ATTACHMENT_TYPES })
  @IsIn(ATTACHMENT_TYPES as unknown as string[], {
    message: 'type must be one of image, video, file, link, miniprogram',
  })
  type: (typeof ATTACHMENT_TYPES)[number];

  @ApiPropertyOptional({ description: 'image, video, file: a media asset id' })
  @ValidateIf((o) => ['image', 'video', 'file'].includes(o.type))
  @Matches(ROW_ID, { message: 'assetId must be a media asset id' })
  assetId?: string;

  @ApiPropertyOptional({ description: 'link ≤128 bytes, miniprogram ≤64 bytes' })
  @ValidateIf((o) => o.type === 'link' || o.type === 'miniprogram')
  @IsString()
  @MinLength(1)
  @MaxUtf8Bytes(128)
  title?: string;

  @ApiPropertyOptional()
  @ValidateIf((o) => o.type === 'link')
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxUtf8Bytes(2048)
  url?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxUtf8Bytes(512)
  desc?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxUtf8Bytes(2048)
  picUrl?: string;

  @ApiPropertyOptional({ description: 'miniprogram: appid (wx…)' })
  @ValidateIf((o) => o.type === 'miniprogram')
  @Matches(/^wx[0-9a-f]{16}$/, { message: 'appId must be a mini-program appid (wx…)' })
  appId?: string;

  @ApiPropertyOptional({ description: 'miniprogram: page path' })
  @ValidateIf((o) => o.type === 'miniprogram')
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  page?: string;

  @ApiPropertyOptional({ description: 'miniprogram: cover image asset (520×416)' })
  @ValidateIf((o) => o.type === 'miniprogram')
  @Matches(ROW_ID, { message: 'picAssetId must be a media asset id' })
  picAssetId?: string;
}

/** What a preview and a broadcast share: who, from whom, what. */
export class BroadcastContentDto {
  @ApiProperty({ example: 'ww5f3a9c1e7b2d4068' })
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;

  @ApiProperty({ enum: ['customers', 'groups'] })
  @IsIn(['customers', 'groups'], { message: 'kind must be customers or groups' })
  kind: BroadcastKind;

  @ApiProperty({ type: BroadcastAudienceDto })
  @ValidateNested()
  @Type(() => BroadcastAudienceDto)
  audience: BroadcastAudienceDto;

  @ApiPropertyOptional({ type: [String], description: 'customers: only these members send' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @Matches(WECOM_ID, { each: true })
  senderUserIds?: string[];
}

export class CreateBroadcastDto extends BroadcastContentDto {
  @ApiProperty({ example: '双十一预热' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  title: string;

  @ApiPropertyOptional({
    description: `≤${MAX_TEXT_BYTES} bytes; mass messages cannot carry the customer's name`,
  })
  @IsOptional()
  @IsString()
  @MaxUtf8Bytes(MAX_TEXT_BYTES)
  text?: string;

  @ApiPropertyOptional({ type: [BroadcastAttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS, {
    message: `attachments: at most ${MAX_ATTACHMENTS} (WeCom's limit)`,
  })
  @ValidateNested({ each: true })
  @Type(() => BroadcastAttachmentDto)
  attachments?: BroadcastAttachmentDto[];

  @ApiPropertyOptional({ description: 'when to send (ISO 8601); absent: now' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'scheduledAt must be an ISO 8601 date-time' })
  @IsFutureDate({ message: 'scheduledAt must be in the future' })
  scheduledAt?: Date;
}

export class UpdateBroadcastDto extends CreateBroadcastDto {}

export class ListBroadcastsQueryDto extends BroadcastCorpQueryDto {
  @ApiPropertyOptional({ enum: ['customers', 'groups'] })
  @IsOptional()
  @IsIn(['customers', 'groups'])
  kind?: BroadcastKind;

  @ApiPropertyOptional({ description: 'the last id of the previous page' })
  @IsOptional()
  @Matches(ROW_ID)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class RecipientsQueryDto extends BroadcastCorpQueryDto {
  @ApiPropertyOptional({
    description: '0 未发送 1 已发送 2 不是好友 3 已收到其他群发 10 超出接收上限 11 企业微信拒绝',
  })
  @IsOptional()
  @Type(() => Number)
  @IsIn([0, 1, 2, 3, 10, 11])
  status?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(WECOM_ID)
  senderUserId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(WECOM_ID)
  cursor?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class CalendarQueryDto extends BroadcastCorpQueryDto {
  @ApiProperty({ example: '2026-12-01T00:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from: string;

  @ApiProperty({ example: '2027-01-01T00:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to: string;
}

export class PersonalQueryDto extends BroadcastCorpQueryDto {
  @ApiPropertyOptional({ description: 'default: 30 days before to; span ≤ 1 month (WeCom)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class ReceiveLimitDto extends BroadcastCorpQueryDto {
  @ApiProperty({ enum: ['day', 'week', 'month'] })
  @IsIn(['day', 'week', 'month'], { message: 'receiveLimit must be day, week or month' })
  receiveLimit: ReceiveLimit;
}
