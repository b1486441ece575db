import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsFutureDate } from '../../common/validation/future-date';
import { CORP_ID, ROW_ID, WECOM_ID } from '../../common/validation/wecom-ids';
import { MomentState } from '../entities/moment.entity';
import type { MomentEntity } from '../entities/moment.entity';
import { MOMENT_LIMITS } from '../moment.types';
import type { MomentInteractionRow } from '../moment.repository';

export class MomentCorpQueryDto {
  @ApiProperty({ example: 'ww5f3a9c1e7b2d4068' })
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;
}

export class MomentIdParamDto {
  @ApiProperty()
  @Matches(ROW_ID, { message: 'id must be a moment id' })
  id: string;
}

export class ListMomentsQueryDto extends MomentCorpQueryDto {
  @ApiPropertyOptional({ enum: MomentState, isArray: true })
  @IsOptional()
  @Type(() => String)
  @IsIn(Object.values(MomentState), { each: true })
  state?: MomentState[];
}

export class MomentAttachmentDto {
  @ApiProperty({ enum: ['image', 'video', 'link'] })
  @IsIn(['image', 'video', 'link'], { message: 'type must be image, video or link' })
  type: 'image' | 'video' | 'link';

  @ApiProperty({ description: 'a media asset (the image, the video, the link’s cover image)' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'assetId must be a media asset id' })
  assetId: string;

  @ApiPropertyOptional({ description: 'link only: ≤64 bytes' })
  @ValidateIf((o: MomentAttachmentDto) => o.type === 'link')
  @IsString({ message: 'title is required for a link' })
  @MaxLength(64)
  title?: string;

  @ApiPropertyOptional({ description: 'link only' })
  @ValidateIf((o: MomentAttachmentDto) => o.type === 'link')
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'url must be an http(s) URL' },
  )
  @MaxLength(2048)
  url?: string;
}

export class MomentVisibilityDto {
  @ApiPropertyOptional({ type: [String], description: 'members whose customers see it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MOMENT_LIMITS.userList)
  @Matches(WECOM_ID, { each: true, message: 'each userId must be a WeCom userid' })
  userIds?: string[];

  @ApiPropertyOptional({ type: [Number], description: 'departments (and their members)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  departmentIds?: number[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'corp tags (企业标签) only: the customers with any of them; rule-group tags are refused',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(WECOM_ID, { each: true, message: 'each tagId must be a WeCom tag id' })
  tagIds?: string[];
}

export class CreateMomentDto extends MomentCorpQueryDto {
  @ApiPropertyOptional({ example: '618 新品上市', description: 'the name on the calendar' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  title?: string;

  @ApiPropertyOptional({ description: 'at most 2,000 characters' })
  @IsOptional()
  @IsString()
  @MaxLength(MOMENT_LIMITS.textBytes)
  text?: string;

  @ApiPropertyOptional({
    type: [MomentAttachmentDto],
    description: 'up to 9 images, or 1 video, or 1 link (types cannot be mixed)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MOMENT_LIMITS.images)
  @ValidateNested({ each: true })
  @Type(() => MomentAttachmentDto)
  attachments?: MomentAttachmentDto[];

  @ApiPropertyOptional({
    type: MomentVisibilityDto,
    description: 'empty: the customers of every member in the app’s visible range',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MomentVisibilityDto)
  visible?: MomentVisibilityDto;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when to create the WeCom task; absent: now',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsFutureDate({ message: 'scheduledAt must be in the future' })
  scheduledAt?: Date | null;
}

export class UpdateMomentDto extends PartialType(OmitType(CreateMomentDto, ['corpId'] as const)) {}

export class PersonalMomentsQueryDto extends MomentCorpQueryDto {
  @ApiProperty({ type: String, format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  from: Date;

  @ApiProperty({ type: String, format: 'date-time', description: 'at most 30 days after from' })
  @Type(() => Date)
  @IsDate()
  to: Date;

  @ApiPropertyOptional({ description: 'one member only' })
  @IsOptional()
  @Matches(WECOM_ID)
  creator?: string;
}

export class MomentCustomersQueryDto extends MomentCorpQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(WECOM_ID)
  userId?: string;

  @ApiPropertyOptional({ description: 'next page: the cursor of the previous one' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

// ---------------------------------------------------------------------------- responses

export class MomentAttachmentView {
  @ApiProperty({ enum: ['image', 'video', 'link'] })
  type: 'image' | 'video' | 'link';
  @ApiProperty()
  assetId: string;
  @ApiPropertyOptional()
  title?: string;
  @ApiPropertyOptional()
  url?: string;
}

export class MomentVisibilityView {
  @ApiProperty({ type: [String] })
  userIds: string[];
  @ApiProperty({ type: [Number] })
  departmentIds: number[];
  @ApiProperty({ type: [String] })
  tagIds: string[];
}

export class MomentTotalsView {
  @ApiProperty({ description: 'members with a task' })
  staff: number;
  @ApiProperty({ description: 'members who published it' })
  published: number;
  @ApiProperty({ description: 'customers it was visible to' })
  visible: number;
  @ApiProperty({ description: 'customers it was sent to' })
  sent: number;
  @ApiProperty()
  comments: number;
  @ApiProperty()
  likes: number;
}

export class MomentResponseDto {
  @ApiProperty()
  id: string;
  @ApiProperty()
  corpId: string;
  @ApiProperty()
  title: string;
  @ApiProperty({ type: String, nullable: true })
  text: string | null;
  @ApiProperty({ type: [MomentAttachmentView] })
  attachments: MomentAttachmentView[];
  @ApiProperty({ type: MomentVisibilityView })
  visible: MomentVisibilityView;
  @ApiProperty({ enum: MomentState })
  state: MomentState;
  @ApiProperty({ type: String, format: 'date-time' })
  scheduledAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'WeCom’s moment_id once created' })
  momentId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  createdAtWecom: string | null;
  @ApiProperty({
    type: [String],
    description: 'what WeCom refused in the visible range, as sentences',
  })
  warnings: string[];
  @ApiProperty({ type: String, nullable: true })
  error: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  resultsPulledAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class MomentStaffView {
  @ApiProperty()
  userId: string;
  @ApiProperty({ type: String, nullable: true })
  name: string | null;
  @ApiProperty({ description: '0 未发表, 1 已发表' })
  publishStatus: number;
  @ApiProperty()
  visibleCount: number;
  @ApiProperty()
  sentCount: number;
  @ApiProperty()
  commentCount: number;
  @ApiProperty()
  likeCount: number;
}

export class MomentInteractionView {
  @ApiProperty({ description: 'the member whose moment it is' })
  userId: string;
  @ApiProperty({ enum: ['comment', 'like'] })
  kind: 'comment' | 'like';
  @ApiProperty({ type: String, nullable: true, description: 'a customer' })
  externalUserId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'or a member' })
  actorUserId: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  at: string;
}

export class MomentResultsDto {
  @ApiProperty({ type: MomentResponseDto })
  moment: MomentResponseDto;
  @ApiProperty({ type: MomentTotalsView })
  totals: MomentTotalsView;
  @ApiProperty({ type: [MomentStaffView] })
  staff: MomentStaffView[];
  @ApiProperty({ type: [MomentInteractionView], description: 'newest first (at most 500)' })
  interactions: MomentInteractionView[];
}

export class MomentCustomerView {
  @ApiProperty()
  userId: string;
  @ApiProperty()
  externalUserId: string;
  @ApiProperty({ description: 'in get_moment_customer_list' })
  visible: boolean;
  @ApiProperty({ description: 'in get_moment_send_result' })
  sent: boolean;
}

export class MomentCustomersPageDto {
  @ApiProperty({ type: [MomentCustomerView] })
  items: MomentCustomerView[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class PersonalMomentView {
  @ApiProperty()
  momentId: string;
  @ApiProperty({ type: String, nullable: true })
  creator: string | null;
  @ApiProperty({ type: String, nullable: true })
  creatorName: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ description: '0 部分可见, 1 公开' })
  visibleType: number;
  @ApiProperty({ type: String, nullable: true })
  text: string | null;
  @ApiProperty()
  images: number;
  @ApiProperty()
  hasVideo: boolean;
  @ApiProperty({ type: String, nullable: true })
  linkTitle: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** WeCom's invalid lists, said as sentences. */
export function invalidSentences(m: Pick<MomentEntity, 'invalid'>): string[] {
  const inv = m.invalid;
  if (!inv) return [];
  const out: string[] = [];
  if (inv.userIds?.length)
    out.push(
      `企业微信未向这些成员下发任务（不在应用可见范围、已离职或没有客户联系权限）：${inv.userIds.join('、')}。`,
    );
  if (inv.departmentIds?.length)
    out.push(`这些部门无效（不存在或不在应用可见范围）：${inv.departmentIds.join('、')}。`);
  if (inv.tagIds?.length)
    out.push(
      `这些标签无效，未用于筛选客户（已删除，或不是企业客户标签）：${inv.tagIds.join('、')}。`,
    );
  return out;
}

export function toMomentResponse(m: MomentEntity): MomentResponseDto {
  return {
    id: m.id,
    corpId: m.corpId,
    title: m.title,
    text: m.text,
    attachments: m.attachments,
    visible: m.visible,
    state: m.state,
    scheduledAt: m.scheduledAt.toISOString(),
    momentId: m.momentId,
    createdAtWecom: iso(m.createdAtWecom),
    warnings: invalidSentences(m),
    error: m.error,
    resultsPulledAt: iso(m.resultsPulledAt),
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
  };
}

export function toInteractionView(r: MomentInteractionRow): MomentInteractionView {
  return {
    userId: r.userId,
    kind: r.kind,
    externalUserId: r.externalUserId || null,
    actorUserId: r.actorUserId || null,
    at: new Date(r.createTime * 1000).toISOString(),
  };
}
