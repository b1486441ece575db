import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CORP_ID, ROW_ID, WECOM_ID } from '../../common/validation/wecom-ids';

const SENDERS = ['customer', 'staff'] as const;
const CHAT_TYPES = ['private', 'group'] as const;

/** A rule's content (create, update, the live test and an unsaved dry run). */
export class ChatRuleBodyDto {
  @ApiProperty({ maxLength: 64 })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiProperty({ enum: ['any', 'all'], description: 'any: one keyword is enough; all: every one' })
  @IsIn(['any', 'all'])
  matchMode: 'any' | 'all';

  @ApiProperty({ type: [String], description: 'keywords or phrases, 1..50, each ≤ 30 characters' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(30, { each: true })
  keywords: string[];

  @ApiPropertyOptional({ type: [String], description: 'a message with one of these never matches' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(30, { each: true })
  exclusions?: string[];

  @ApiPropertyOptional({
    description: 'match whole words (Chinese word segmentation)',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  segmentation?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'words added to the segmentation dictionary',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(30, { each: true })
  customWords?: string[];

  @ApiProperty({
    enum: SENDERS,
    isArray: true,
    description: "whose messages: the customer's, the staff's",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SENDERS, { each: true })
  senders: Array<(typeof SENDERS)[number]>;

  @ApiProperty({ enum: CHAT_TYPES, isArray: true, description: 'private chats, group chats' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(CHAT_TYPES, { each: true })
  chatTypes: Array<(typeof CHAT_TYPES)[number]>;

  @ApiPropertyOptional({
    type: [Number],
    nullable: true,
    description: 'staff of these departments (sub-departments included); null or absent: all staff',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  departmentIds?: number[] | null;

  @ApiProperty({ type: [String], description: 'corp tags (et…) marked on a match, 1..20' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(WECOM_ID, { each: true })
  tagIds: string[];
}

export class CreateChatRuleDto extends ChatRuleBodyDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;
}

export class UpdateChatRuleDto extends CreateChatRuleDto {}

export class ChatRuleIdParamDto {
  @ApiProperty()
  @Matches(ROW_ID)
  id: string;
}

export class BackApplyJobParamDto extends ChatRuleIdParamDto {
  @ApiProperty()
  @Matches(/^[\w:.-]{1,128}$/)
  jobId: string;
}

export class SetEnabledDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiProperty()
  @IsBoolean()
  enabled: boolean;
}

export class TestChatRuleDto {
  @ApiProperty({ type: ChatRuleBodyDto })
  @ValidateNested()
  @Type(() => ChatRuleBodyDto)
  rule: ChatRuleBodyDto;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  text: string;
}

export class DryRunDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiPropertyOptional({ description: 'a saved rule; absent: `rule`, or every enabled rule' })
  @IsOptional()
  @Matches(ROW_ID)
  ruleId?: string;

  @ApiPropertyOptional({ type: ChatRuleBodyDto, description: 'an unsaved rule (the editor)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChatRuleBodyDto)
  rule?: ChatRuleBodyDto;

  @ApiPropertyOptional({ default: 500, maximum: 5000, description: 'the last N messages' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

export class BackApplyDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;
}

export class ChatRuleDto {
  @ApiProperty() id: string;
  @ApiProperty() corpId: string;
  @ApiProperty() name: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ enum: ['any', 'all'] }) matchMode: 'any' | 'all';
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty({ type: [String] }) exclusions: string[];
  @ApiProperty() segmentation: boolean;
  @ApiProperty({ type: [String] }) customWords: string[];
  @ApiProperty({ enum: SENDERS, isArray: true }) senders: Array<'customer' | 'staff'>;
  @ApiProperty({ enum: CHAT_TYPES, isArray: true }) chatTypes: Array<'private' | 'group'>;
  @ApiProperty({ type: [Number], nullable: true }) departmentIds: number[] | null;
  @ApiProperty({ type: [String] }) tagIds: string[];
  @ApiProperty({
    description: 'messages matched since the rule exists (ingestion, not back-applies)',
  })
  hitCount: number;
  @ApiProperty({ nullable: true, type: String }) lastHitAt: string | null;
  @ApiProperty() updatedAt: string;
}

export class TestResultDto {
  @ApiProperty() matched: boolean;
  @ApiProperty({ type: [String], description: 'keywords found' }) keywords: string[];
  @ApiProperty({ nullable: true, type: String }) excludedBy: string | null;
  @ApiProperty({ type: [String], description: 'the words of the text (segmentation on)' })
  words: string[];
}

export class DryRunMatchDto {
  @ApiProperty() msgid: string;
  @ApiProperty() from: string;
  @ApiProperty() fromCustomer: boolean;
  @ApiProperty() roomid: string;
  @ApiProperty() msgtime: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) ruleIds: string[];
  @ApiProperty({ type: [String] }) ruleNames: string[];
  @ApiProperty({ type: [String] }) tagIds: string[];
  @ApiProperty({ type: [String] }) tagNames: string[];
}

export class DryRunResultDto {
  @ApiProperty() scanned: number;
  @ApiProperty() matched: number;
  @ApiProperty({ type: [DryRunMatchDto] }) items: DryRunMatchDto[];
  @ApiProperty({ description: 'tag id → messages that would mark it' })
  tagCounts: Record<string, number>;
}

export class BackApplyJobDto {
  @ApiProperty() jobId: string;
  @ApiProperty() state: string;
  @ApiProperty({ description: '0..100' }) progress: number;
  @ApiProperty() scanned: number;
  @ApiProperty() matched: number;
  @ApiProperty() marked: number;
  @ApiPropertyOptional() failedReason?: string;
}

export class CustomerRuleMarksQueryDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiProperty()
  @Matches(WECOM_ID)
  externalUserId: string;
}

export class CustomerRuleMarkDto {
  @ApiProperty() tagId: string;
  @ApiProperty({ nullable: true, type: String }) tagName: string | null;
  @ApiProperty({ description: 'the staff member of the relation' }) userId: string;
  @ApiProperty({ nullable: true, type: String }) ruleId: string | null;
  @ApiProperty({ nullable: true, type: String }) ruleName: string | null;
  @ApiProperty({ nullable: true, type: String }) msgid: string | null;
  @ApiProperty({ description: 'the sentence that produced the mark' }) text: string;
  @ApiProperty({ nullable: true, type: String }) msgtime: string | null;
}
