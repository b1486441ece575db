import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  isISO8601,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AudienceFilterDto } from '../../audience/dto/audience-filter.dto';
import type { GroupMembershipRow } from '../../groups/group.service';
import type { CustomerRow } from '../customer.repository';
import type { TagMarkView } from '../../tags/tag-mark.repository';
import type { TimelineRow } from '../customer-timeline.repository';
import type { RelationView } from '../follow-relation.repository';
import { FollowStatus } from '../entities/follow-relation.entity';
import { CORP_ID, ROW_ID, WECOM_ID } from '../../common/validation/wecom-ids';

const ISO_INSTANT_MESSAGE =
  '$property must be an ISO 8601 date (2026-11-01) or date-time with a time zone (2026-11-01T08:00:00+08:00)';
const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A query value as a Date when it is one unambiguous instant: a calendar-valid ISO date (UTC) or
 * date-time with its offset. Anything else stays as it is, so @IsDate answers 400 (no silent
 * `new Date('12')` or 2024-02-30 rolling into March, no server-time-zone guesses).
 */
function isoInstant(value: unknown): unknown {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || !isISO8601(value, { strict: true }))
    return value;
  return new Date(value);
}

export class ListCustomersQueryDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiPropertyOptional({ description: 'customers followed by this staff member' })
  @IsOptional()
  @Matches(WECOM_ID)
  userId?: string;

  @ApiPropertyOptional({ description: 'contact way state (channel) of a relation' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  state?: string;

  @ApiPropertyOptional({ enum: FollowStatus, description: 'status of a relation' })
  @IsOptional()
  @IsEnum(FollowStatus)
  status?: FollowStatus;

  @ApiPropertyOptional({ description: 'name prefix, or an exact external_userid' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({
    description: 'a relation added at or after: ISO 8601 date (UTC) or date-time with offset',
    example: '2026-11-01T00:00:00+08:00',
  })
  @IsOptional()
  @Transform(({ value }) => isoInstant(value))
  @IsDate({ message: ISO_INSTANT_MESSAGE })
  addedFrom?: Date;

  @ApiPropertyOptional({
    description: 'a relation added before: ISO 8601 date (UTC) or date-time with offset',
    example: '2026-12-01T00:00:00+08:00',
  })
  @IsOptional()
  @Transform(({ value }) => isoInstant(value))
  @IsDate({ message: ISO_INSTANT_MESSAGE })
  addedTo?: Date;

  @ApiPropertyOptional({
    enum: ['addedAt', 'name'],
    default: 'addedAt',
    description: 'addedAt: when the customer was first added (else when the mirror met them)',
  })
  @IsOptional()
  @IsIn(['addedAt', 'name'])
  sort?: 'addedAt' | 'name';

  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    description: 'default: desc for addedAt (newest first), asc for name',
  })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (same sort and order)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a nextCursor of this list' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** `POST /api/admin/customers/query`: a page of the customers an audience filter selects. */
export class CustomerQueryBodyDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiPropertyOptional({ type: AudienceFilterDto, description: 'default: every current customer' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceFilterDto)
  filter?: AudienceFilterDto;

  @ApiPropertyOptional({ enum: ['addedAt', 'name'], default: 'addedAt' })
  @IsOptional()
  @IsIn(['addedAt', 'name'])
  sort?: 'addedAt' | 'name';

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (same sort and order)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a nextCursor of this list' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class CustomerParamsDto {
  @Matches(CORP_ID)
  corpId: string;

  @Matches(WECOM_ID)
  externalUserId: string;
}

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: 'entries older than this entry' })
  @IsOptional()
  @Matches(ROW_ID)
  beforeId?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export interface FollowSummaryDto {
  userId: string;
  staffName: string | null;
  remark: string;
  status: FollowStatus;
  state: string | null;
  /** The channel that brought the relation (its state's), null when none or unknown. */
  channelId: string | null;
  channelName: string | null;
  addedAt: string | null;
}

export interface CustomerSummaryDto {
  id: string;
  externalUserId: string;
  name: string;
  avatar: string;
  type: number;
  gender: number;
  corpName: string | null;
  firstAddedAt: string | null;
  /** The list's added time (its default sort key): firstAddedAt, or when the mirror met them. */
  addedAt: string | null;
  follows: FollowSummaryDto[];
}

export interface CustomerPageDto {
  items: CustomerSummaryDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface TagMarkDto {
  tagId: string;
  tagName: string | null;
  groupId: string | null;
  groupName: string | null;
  source: string;
  markedAt: string;
  /**
   * Who marked it by hand or import: an admin's username, or a guide's userid (sidebar); null for
   * the other sources (a chat rule says itself in `evidence`, the sync and WeCom do not say).
   */
  actor: string | null;
  /** The bulk job that marked it (批量打标签), when one did. */
  bulkJobId: string | null;
  /**
   * Why a chat rule marked it: the rule's name, the sentence and its time. Chat content: sent to
   * admins only (null for other roles and other sources).
   */
  evidence?: { ruleName: string | null; text: string; msgtime: string | null } | null;
}

export interface FollowRelationDto extends FollowSummaryDto {
  description: string;
  remarkCorpName: string;
  remarkMobiles: string[];
  addWay: number;
  operUserId: string | null;
  deletedAt: string | null;
  tags: TagMarkDto[];
}

export interface GroupMembershipDto {
  chatId: string;
  name: string | null;
  ownerUserId: string | null;
  dismissed: boolean;
  joinTime: string | null;
  joinScene: number;
  leftAt: string | null;
}

export interface TimelineEntryDto {
  id: string;
  kind: string;
  userId: string | null;
  detail: Record<string, unknown> | null;
  /** Names of the detail's tagIds, resolved when read. */
  tags?: Array<{ tagId: string; name: string | null }>;
  occurredAt: string;
}

export interface CustomerDetailDto {
  customer: {
    id: string;
    externalUserId: string;
    name: string;
    avatar: string;
    type: number;
    gender: number;
    unionId: string | null;
    corpName: string | null;
    corpFullName: string | null;
    position: string | null;
    firstAddedAt: string | null;
    syncedAt: string | null;
  };
  follows: FollowRelationDto[];
  groups: GroupMembershipDto[];
  timeline: TimelineEntryDto[];
}

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function toFollowSummary(r: RelationView): FollowSummaryDto {
  return {
    userId: r.userId,
    staffName: r.staffName,
    remark: r.remark,
    status: r.status,
    state: r.state,
    channelId: r.channelId ?? null,
    channelName: r.channelName ?? null,
    addedAt: iso(r.addedAt),
  };
}

export function toCustomerSummary(
  c: Pick<
    CustomerRow,
    'id' | 'externalUserId' | 'name' | 'avatar' | 'type' | 'gender' | 'corpName' | 'firstAddedAt'
  > & { addedAt?: Date },
  follows: RelationView[],
): CustomerSummaryDto {
  return {
    id: c.id,
    externalUserId: c.externalUserId,
    name: c.name,
    avatar: c.avatar,
    type: c.type,
    gender: c.gender,
    corpName: c.corpName,
    firstAddedAt: iso(c.firstAddedAt),
    addedAt: iso(c.addedAt ?? c.firstAddedAt),
    follows: follows.map(toFollowSummary),
  };
}

export function toTagMark(m: TagMarkView, withChatEvidence = false): TagMarkDto {
  return {
    tagId: m.tagId,
    tagName: m.tagName,
    groupId: m.groupId,
    groupName: m.groupName,
    source: m.source,
    markedAt: iso(m.createdAt) as string,
    actor: m.source === 'manual' || m.source === 'import' ? (m.actor ?? null) : null,
    bulkJobId: bulkJobOf(m),
    evidence: withChatEvidence ? chatEvidence(m) : null,
  };
}

function bulkJobOf(m: TagMarkView): string | null {
  const id = m.evidence?.bulkJobId;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/** A chat rule's evidence (TagMarkService's `{ ruleName, text, msgtime }`), else null. */
function chatEvidence(m: TagMarkView): TagMarkDto['evidence'] {
  const e = m.evidence;
  if (m.source !== 'chat_rule' || !e || typeof e.text !== 'string') return null;
  const at = typeof e.msgtime === 'number' ? new Date(e.msgtime) : null;
  return {
    ruleName: typeof e.ruleName === 'string' ? e.ruleName : null,
    text: e.text,
    msgtime: at && !Number.isNaN(at.getTime()) ? at.toISOString() : null,
  };
}

export function toFollowRelation(
  r: RelationView,
  marks: TagMarkView[],
  withChatEvidence = false,
): FollowRelationDto {
  return {
    ...toFollowSummary(r),
    description: r.description,
    remarkCorpName: r.remarkCorpName,
    remarkMobiles: r.remarkMobiles ?? [],
    addWay: r.addWay,
    operUserId: r.operUserId,
    deletedAt: iso(r.deletedAt),
    tags: marks.map((m) => toTagMark(m, withChatEvidence)),
  };
}

export function toGroupMembership(g: GroupMembershipRow): GroupMembershipDto {
  return {
    chatId: g.chatId,
    name: g.name,
    ownerUserId: g.ownerUserId,
    dismissed: g.dismissedAt !== null,
    joinTime: g.joinTime ? new Date(g.joinTime * 1000).toISOString() : null,
    joinScene: g.joinScene,
    leftAt: iso(g.leftAt),
  };
}

export function toTimelineEntry(e: TimelineRow, tagNames: Map<string, string>): TimelineEntryDto {
  const tagIds = Array.isArray(e.detail?.tagIds) ? (e.detail.tagIds as string[]) : null;
  return {
    id: e.id,
    kind: e.kind,
    userId: e.userId,
    detail: e.detail,
    ...(tagIds
      ? { tags: tagIds.map((tagId) => ({ tagId, name: tagNames.get(tagId) ?? null })) }
      : {}),
    occurredAt: iso(e.occurredAt) as string,
  };
}

export function toCustomerDetail(
  c: CustomerRow,
  follows: FollowRelationDto[],
  groups: GroupMembershipDto[],
  timeline: TimelineEntryDto[],
): CustomerDetailDto {
  return {
    customer: {
      id: c.id,
      externalUserId: c.externalUserId,
      name: c.name,
      avatar: c.avatar,
      type: c.type,
      gender: c.gender,
      unionId: c.unionId,
      corpName: c.corpName,
      corpFullName: c.corpFullName,
      position: c.position,
      firstAddedAt: iso(c.firstAddedAt),
      syncedAt: iso(c.syncedAt),
    },
    follows,
    groups,
    timeline,
  };
}
