import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AssignmentStrategy, ExclusionReason, PoolMode } from '../strategy/assignment';
import { ChannelEntity, ChannelStatus, ChannelType } from '../entities/channel.entity';
import type { ChannelStaffMember, ChannelWelcome, WelcomeAttachment } from '../channel.types';
import { IsFutureDate } from '../../common/validation/future-date';
import { CORP_ID, WECOM_ID } from '../../common/validation/wecom-ids';

export class CorpQueryDto {
  @ApiProperty({ example: 'ww5f3a9c1e7b2d4068' })
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;
}

export class ChannelIdParamDto {
  @ApiProperty()
  @Matches(/^\d{1,20}$/, { message: 'id must be a channel id' })
  id: string;
}

export class ListChannelsQueryDto extends CorpQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  folder?: string;

  @ApiPropertyOptional({ description: 'name contains' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

export class WorkingWindowDto {
  @ApiProperty({
    type: [Number],
    example: [1, 2, 3, 4, 5],
    description: '1 = Monday … 7 = Sunday',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days: number[];

  @ApiProperty({ example: '09:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'start must be HH:mm' })
  start: string;

  @ApiProperty({ example: '18:00', description: 'at or before start = the next day' })
  @Matches(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'end must be HH:mm' })
  end: string;
}

export class WorkingHoursDto {
  @ApiProperty({ example: 'Asia/Shanghai' })
  @IsString()
  @MaxLength(64)
  timezone: string;

  @ApiProperty({ type: [WorkingWindowDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => WorkingWindowDto)
  windows: WorkingWindowDto[];
}

export class ChannelStaffDto implements ChannelStaffMember {
  @ApiProperty({ example: 'zhangwei' })
  @Matches(WECOM_ID, { message: 'userId must be a WeCom userid' })
  userId: string;

  @ApiPropertyOptional({ default: 1, description: 'share under the weighted strategy' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  weight?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'most customers per day from this channel',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  dailyCap?: number | null;

  @ApiPropertyOptional({ type: WorkingHoursDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkingHoursDto)
  hours?: WorkingHoursDto | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  backup?: boolean;
}

export class WelcomeAttachmentDto {
  @ApiProperty({ enum: ['image', 'link', 'miniprogram'] })
  @IsIn(['image', 'link', 'miniprogram'])
  type: 'image' | 'link' | 'miniprogram';

  @ApiPropertyOptional({ description: 'image: media_id (temporary media expire after 3 days)' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  mediaId?: string;

  @ApiPropertyOptional({ description: 'image or link: picture URL' })
  @IsOptional()
  @IsUrl({ require_tld: false })
  @MaxLength(512)
  picUrl?: string;

  @ApiPropertyOptional({ description: 'link / miniprogram title' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ require_tld: false })
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(512)
  desc?: string;

  @ApiPropertyOptional({ description: 'miniprogram appid' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  appId?: string;

  @ApiPropertyOptional({ description: 'miniprogram page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  page?: string;

  @ApiPropertyOptional({ description: 'miniprogram cover media_id' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  picMediaId?: string;
}

export class ChannelWelcomeDto {
  @ApiPropertyOptional({
    example: '{{name|朋友}}您好，我是{{staff}}，欢迎来到栖木生活！',
    description:
      '`{{name}}` = the customer’s name, `{{name|fallback}}`, `{{staff}}` = the staff name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1300)
  text?: string;

  @ApiPropertyOptional({ type: [WelcomeAttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @ValidateNested({ each: true })
  @Type(() => WelcomeAttachmentDto)
  attachments?: WelcomeAttachmentDto[];
}

export class CreateChannelDto extends CorpQueryDto {
  @ApiProperty({ example: '静安店柜台' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({ example: '门店' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  folder?: string;

  @ApiProperty({ enum: ChannelType })
  @IsEnum(ChannelType)
  type: ChannelType;

  @ApiPropertyOptional({ enum: AssignmentStrategy, default: AssignmentStrategy.RoundRobin })
  @IsOptional()
  @IsEnum(AssignmentStrategy)
  strategy?: AssignmentStrategy;

  @ApiPropertyOptional({ default: true, description: 'customers are added without approval' })
  @IsOptional()
  @IsBoolean()
  skipVerify?: boolean;

  @ApiPropertyOptional({ type: [ChannelStaffDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChannelStaffDto)
  staff?: ChannelStaffDto[];

  @ApiPropertyOptional({ type: [Number], description: 'departments (and their subtrees)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  departmentIds?: number[];

  @ApiPropertyOptional({ default: 'Asia/Shanghai', description: 'day boundary of caps and stats' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ type: [String], description: 'corp tag ids marked on every new customer' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tagIds?: string[];

  @ApiPropertyOptional({ type: ChannelWelcomeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelWelcomeDto)
  welcome?: ChannelWelcomeDto | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '抖音-{{name}}',
    description: 'remark set on each new customer',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  remarkTemplate?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'after this time the QR code is removed in WeCom',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsFutureDate()
  expiresAt?: Date | null;
}

export class UpdateChannelDto extends PartialType(
  OmitType(CreateChannelDto, ['corpId'] as const),
) {}

export class PoolMemberView {
  userId: string;
  name: string | null;
  onCode: boolean;
  /** Why the member is not on the code now. */
  reason?: ExclusionReason;
  assignedToday: number;
}

export class ChannelResponseDto {
  id: string;
  corpId: string;
  name: string;
  folder: string;
  type: ChannelType;
  strategy: AssignmentStrategy;
  skipVerify: boolean;
  staff: ChannelStaffMember[];
  departmentIds: number[];
  timezone: string;
  tagIds: string[];
  welcome: ChannelWelcome | null;
  remarkTemplate: string | null;
  expiresAt: string | null;
  state: string;
  configId: string | null;
  qrCode: string | null;
  status: ChannelStatus;
  pool: { userIds: string[]; mode: string | null; syncedAt: string | null; error: string | null };
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export class PoolPreviewDto {
  mode: PoolMode;
  pool: string[];
  members: PoolMemberView[];
  changed: boolean;
}

export function toChannelResponse(c: ChannelEntity): ChannelResponseDto {
  return {
    id: String(c.id),
    corpId: c.corpId,
    name: c.name,
    folder: c.folder,
    type: c.type,
    strategy: c.strategy,
    skipVerify: !!c.skipVerify,
    staff: c.staff,
    departmentIds: c.departmentIds,
    timezone: c.timezone,
    tagIds: c.tagIds,
    welcome: c.welcome,
    remarkTemplate: c.remarkTemplate,
    expiresAt: c.expiresAt ? c.expiresAt.toISOString() : null,
    state: c.state,
    configId: c.configId,
    qrCode: c.qrCode,
    status: c.status,
    pool: {
      userIds: c.poolUserIds ?? [],
      mode: c.poolMode,
      syncedAt: c.poolSyncedAt ? c.poolSyncedAt.toISOString() : null,
      error: c.poolError,
    },
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The stored staff pool from the DTO: defaults filled, nothing else. */
export function toStaffMembers(staff: ChannelStaffDto[] | undefined): ChannelStaffMember[] {
  return (staff ?? []).map((s) => ({
    userId: s.userId,
    weight: s.weight ?? 1,
    dailyCap: s.dailyCap ?? null,
    hours: s.hours ? { timezone: s.hours.timezone, windows: s.hours.windows } : null,
    backup: s.backup ?? false,
  }));
}

export function toWelcome(w: ChannelWelcomeDto | null | undefined): ChannelWelcome | null {
  if (!w || (!w.text && !w.attachments?.length)) return null;
  const attachments: WelcomeAttachment[] = (w.attachments ?? []).map((a) => {
    if (a.type === 'image') return { type: 'image', mediaId: a.mediaId, picUrl: a.picUrl };
    if (a.type === 'link')
      return {
        type: 'link',
        title: a.title ?? '',
        url: a.url ?? '',
        picUrl: a.picUrl,
        desc: a.desc,
      };
    return {
      type: 'miniprogram',
      title: a.title ?? '',
      appId: a.appId ?? '',
      page: a.page ?? '',
      picMediaId: a.picMediaId ?? '',
    };
  });
  return { text: w.text || undefined, attachments: attachments.length ? attachments : undefined };
}
