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

// The answers (documented for the console's generated types, admin-web/src/api/schema.d.ts).
const S = { type: String, nullable: true } as const;
const ITEM_TYPES = ['customer', 'group'];
const KINDS = ['resigned', 'onjob'];
const COUNTS = { type: 'object', additionalProperties: { type: 'number' } } as const;

export class PlanItemDto {
  @ApiProperty({ enum: ITEM_TYPES }) itemType: ItemType;
  @ApiProperty() targetId: string;
  @ApiProperty() name: string;
  @ApiProperty(S) takeoverUserId: string | null;
  @ApiProperty(S) takeoverName: string | null;
  @ApiProperty({ enum: ['planned', 'blocked'] }) state: 'planned' | 'blocked';
  @ApiProperty(S) reason: string | null;
  /** Why it cannot move, in Chinese. */
  @ApiProperty(S) sentence: string | null;
}

export class SuccessorCountDto {
  @ApiProperty() customers: number;
  @ApiProperty() groups: number;
}

export class PreviewResponseDto {
  @ApiProperty({ enum: KINDS }) kind: TransferKind;
  @ApiProperty() handoverUserId: string;
  @ApiProperty() handoverName: string;
  @ApiProperty(S) departedAt: string | null;
  @ApiProperty() customers: number;
  @ApiProperty() groups: number;
  @ApiProperty() blocked: number;
  /** WeCom calls the start will make (transfer batches). */
  @ApiProperty() batches: number;
  /** Successor → customers and groups planned to them. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/SuccessorCountDto' },
  })
  bySuccessor: Record<string, SuccessorCountDto>;
  @ApiProperty({ type: [PlanItemDto] }) items: PlanItemDto[];
}

export class TransferSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() corpId: string;
  @ApiProperty({ enum: KINDS }) kind: TransferKind;
  @ApiProperty() handoverUserId: string;
  @ApiProperty() handoverName: string;
  @ApiProperty({ enum: ['sending', 'tracking', 'finished'] }) status: TransferStatus;
  @ApiProperty(S) message: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty(S) finishedAt: string | null;
  @ApiProperty(S) nextPollAt: string | null;
  /** `customer.waiting`, `group.accepted`, …: items per type and state. */
  @ApiProperty(COUNTS) counts: Record<string, number>;
  @ApiProperty() total: number;
  /** Items in a final state. */
  @ApiProperty() done: number;
}

export class TransferItemDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ITEM_TYPES }) itemType: ItemType;
  @ApiProperty() targetId: string;
  @ApiProperty() name: string;
  @ApiProperty(S) takeoverUserId: string | null;
  @ApiProperty(S) takeoverName: string | null;
  @ApiProperty({ enum: ITEM_STATES }) state: ItemState;
  @ApiProperty({ type: Number, nullable: true }) errcode: number | null;
  @ApiProperty(S) reason: string | null;
  /** The state, WeCom's errcode or the preview's reason, in Chinese. */
  @ApiProperty(S) sentence: string | null;
  /** While waiting: when WeCom takes over automatically. */
  @ApiProperty(S) takeoverAt: string | null;
  @ApiProperty() attempt: number;
  @ApiProperty() updatedAt: string;
}

export class TransferDetailDto extends TransferSummaryDto {
  @ApiProperty({ type: [TransferItemDto] }) items: TransferItemDto[];
}

export class DepartureDto {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty(S) departedAt: string | null;
  @ApiProperty() via: string;
  /** Customers WeCom lists as unassigned (get_unassigned_list) or the mirror still has. */
  @ApiProperty() customers: number;
  @ApiProperty() groups: number;
  /** Customers and groups inside an unfinished transfer. */
  @ApiProperty() inTransfer: number;
}

export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty(S) transferId: string | null;
  @ApiProperty() actor: string;
  @ApiProperty() action: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  detail: Record<string, unknown> | null;
  @ApiProperty() createdAt: string;
}
