import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CORP_ID, WECOM_ID } from '../../common/validation/wecom-ids';
import { ITEM_STATES } from '../transfer.types';
import type { ItemState, ItemType, TransferKind, TransferStatus } from '../transfer.types';

export class CorpQueryDto {
  @ApiProperty()
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;
}

export class TransferIdParamDto {
  @ApiProperty()
  @Matches(/^\d{1,20}$/, { message: 'id must be a transfer id' })
  id: string;
}

export class ItemsQueryDto extends CorpQueryDto {
  @ApiPropertyOptional({ enum: ITEM_STATES })
  @IsOptional()
  @IsIn(ITEM_STATES)
  state?: ItemState;

  @ApiPropertyOptional({ enum: ['customer', 'group'] })
  @IsOptional()
  @IsIn(['customer', 'group'])
  itemType?: ItemType;
}

export class TagRuleDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'tagId must be a WeCom tag id' })
  tagId: string;

  @ApiProperty()
  @Matches(WECOM_ID, { message: 'takeoverUserId must be a WeCom userid' })
  takeoverUserId: string;
}

export class AssignmentDto {
  @ApiProperty({ enum: ['customer', 'group'] })
  @IsIn(['customer', 'group'])
  itemType: ItemType;

  @ApiProperty()
  @Matches(WECOM_ID, { message: 'targetId must be an external_userid or a chat_id' })
  targetId: string;

  @ApiProperty()
  @Matches(WECOM_ID, { message: 'takeoverUserId must be a WeCom userid' })
  takeoverUserId: string;
}

/** The plan: whose customers and groups go to whom. A preview and a start take the same body. */
export class PlanTransferDto extends CorpQueryDto {
  @ApiProperty({ enum: ['resigned', 'onjob'], description: '离职继承 or 在职继承' })
  @IsIn(['resigned', 'onjob'])
  kind: TransferKind;

  @ApiProperty()
  @Matches(WECOM_ID, { message: 'handoverUserId must be a WeCom userid' })
  handoverUserId: string;

  @ApiProperty({ enum: ['single', 'tag', 'rule', 'manual'] })
  @IsIn(['single', 'tag', 'rule', 'manual'])
  split: 'single' | 'tag' | 'rule' | 'manual';

  @ApiPropertyOptional({ description: 'single: the successor; otherwise who takes the rest' })
  @ValidateIf((o: PlanTransferDto) => o.split === 'single' || o.takeoverUserId !== undefined)
  @Matches(WECOM_ID, { message: 'takeoverUserId must be a WeCom userid' })
  takeoverUserId?: string;

  @ApiPropertyOptional({ type: [TagRuleDto], description: 'split=tag: first matching rule wins' })
  @ValidateIf((o: PlanTransferDto) => o.split === 'tag')
  @IsArray()
  @ArrayMinSize(1, { message: 'tagRules must not be empty' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TagRuleDto)
  tagRules?: TagRuleDto[];

  @ApiPropertyOptional({ enum: ['least_loaded_department', 'department_leader', 'round_robin'] })
  @ValidateIf((o: PlanTransferDto) => o.split === 'rule')
  @IsIn(['least_loaded_department', 'department_leader', 'round_robin'])
  rule?: 'least_loaded_department' | 'department_leader' | 'round_robin';

  @ApiPropertyOptional({ type: [String], description: 'rule=round_robin: the chosen set' })
  @ValidateIf((o: PlanTransferDto) => o.split === 'rule' && o.rule === 'round_robin')
  @IsArray()
  @ArrayMinSize(1, { message: 'candidateUserIds must not be empty' })
  @ArrayMaxSize(1000)
  @Matches(WECOM_ID, { each: true, message: 'candidateUserIds must be WeCom userids' })
  candidateUserIds?: string[];

  @ApiPropertyOptional({ type: [AssignmentDto], description: 'split=manual: one per item' })
  @ValidateIf((o: PlanTransferDto) => o.split === 'manual')
  @IsArray()
  @ArrayMaxSize(100000)
  @ValidateNested({ each: true })
  @Type(() => AssignmentDto)
  assignments?: AssignmentDto[];

  @ApiPropertyOptional({ default: true, description: 'hand over the member’s groups too' })
  @IsOptional()
  @IsBoolean()
  includeGroups?: boolean;

  @ApiPropertyOptional({ description: '在职继承 only: shown to the customer, ≤200 characters' })
  @ValidateIf((o: PlanTransferDto) => o.message !== undefined)
  @IsString()
  @MaxLength(200, { message: 'message must be at most 200 characters' })
  message?: string;
}

export class RetryTransferDto extends CorpQueryDto {
  @ApiProperty({ description: 'the other successor' })
  @Matches(WECOM_ID, { message: 'takeoverUserId must be a WeCom userid' })
  takeoverUserId: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'items to retry (default: every refused, limit-reached and failed one)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100000)
  @Matches(/^\d{1,20}$/, { each: true, message: 'itemIds must be item ids' })
  itemIds?: string[];
}

export class PlanItemDto {
  itemType: ItemType;
  targetId: string;
  name: string;
  takeoverUserId: string | null;
  takeoverName: string | null;
  state: 'planned' | 'blocked';
  reason: string | null;
  /** Why it cannot move, in Chinese. */
  sentence: string | null;
}

export class PreviewResponseDto {
  kind: TransferKind;
  handoverUserId: string;
  handoverName: string;
  departedAt: string | null;
  customers: number;
  groups: number;
  blocked: number;
  /** WeCom calls the start will make (transfer batches). */
  batches: number;
  /** Successor → customers and groups planned to them. */
  bySuccessor: Record<string, { customers: number; groups: number }>;
  items: PlanItemDto[];
}

export class TransferSummaryDto {
  id: string;
  corpId: string;
  kind: TransferKind;
  handoverUserId: string;
  handoverName: string;
  status: TransferStatus;
  message: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  nextPollAt: string | null;
  /** `customer.waiting`, `group.accepted`, …: items per type and state. */
  counts: Record<string, number>;
  total: number;
  /** Items in a final state. */
  done: number;
}

export class TransferItemDto {
  id: string;
  itemType: ItemType;
  targetId: string;
  name: string;
  takeoverUserId: string | null;
  takeoverName: string | null;
  state: ItemState;
  errcode: number | null;
  reason: string | null;
  /** The state, WeCom's errcode or the preview's reason, in Chinese. */
  sentence: string | null;
  /** While waiting: when WeCom takes over automatically. */
  takeoverAt: string | null;
  attempt: number;
  updatedAt: string;
}

export class TransferDetailDto extends TransferSummaryDto {
  items: TransferItemDto[];
}

export class DepartureDto {
  userId: string;
  name: string;
  departedAt: string | null;
  via: string;
  /** Customers WeCom lists as unassigned (get_unassigned_list) or the mirror still has. */
  customers: number;
  groups: number;
  /** Customers and groups inside an unfinished transfer. */
  inTransfer: number;
}

export class AuditEntryDto {
  id: string;
  transferId: string | null;
  actor: string;
  action: string;
  detail: Record<string, unknown> | null;
  createdAt: string;
}
