import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
} from 'class-validator';
import { CORP_ID, ROW_ID, WECOM_ID } from '../../common/validation/wecom-ids';
import type {
  AudienceFilter,
  AudienceRelationStatus,
  TagCondition,
  TagConditionOp,
} from '../audience-filter';

const TAG_OPS: TagConditionOp[] = ['any', 'all', 'none'];
const STATUSES: AudienceRelationStatus[] = ['active', 'deleted_by_customer', 'deleted_by_staff'];

/** An instant with no guessing: a date (UTC) or a date-time with its offset. */
const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const ISO_MESSAGE =
  '$property must be an ISO 8601 date (2026-11-01) or date-time with a time zone (2026-11-01T08:00:00+08:00)';
const isoInstant = (): PropertyDecorator => (target, key) => {
  Matches(ISO_INSTANT, { message: ISO_MESSAGE })(target, key);
  IsISO8601({ strict: true }, { message: ISO_MESSAGE })(target, key);
};

export class TagConditionDto implements TagCondition {
  @ApiProperty({ enum: TAG_OPS, description: 'any of / all of / none of the tags' })
  @IsIn(TAG_OPS)
  op: TagConditionOp;

  @ApiProperty({ type: [String], description: 'WeCom tag ids (et…)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(WECOM_ID, { each: true, message: 'each value in $property must be a tag id' })
  tagIds: string[];
}

@ValidatorConstraint({ name: 'groupsOneOf' })
class GroupsOneOf implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const g = args.object as GroupConditionDto;
    return !(g.none && g.chatIds?.length);
  }

  defaultMessage(): string {
    return 'none cannot be combined with chatIds (member of these groups, or of none)';
  }
}

export class GroupConditionDto {
  @ApiPropertyOptional({ type: [String], description: 'member of one of these groups (chat ids)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(WECOM_ID, { each: true, message: 'each value in $property must be a chat id' })
  chatIds?: string[];

  @ApiPropertyOptional({ description: 'member of no customer group' })
  @IsOptional()
  @IsBoolean()
  @Validate(GroupsOneOf)
  none?: boolean;
}

/**
 * The audience filter as the API accepts it (audience-filter.ts): every field optional, a 400
 * naming the field (`tags[0].op`, `addedFrom`) for anything malformed.
 */
export class AudienceFilterDto implements AudienceFilter {
  @ApiPropertyOptional({ type: [TagConditionDto], description: 'each group must hold' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TagConditionDto)
  tags?: TagConditionDto[];

  @ApiPropertyOptional({ type: [String], description: 'followed by one of these staff' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @Matches(WECOM_ID, { each: true, message: 'each value in $property must be a userid' })
  staffUserIds?: string[];

  @ApiPropertyOptional({ type: [Number], description: 'staff of these departments and below' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  @Min(1, { each: true })
  departmentIds?: number[];

  @ApiPropertyOptional({ type: [String], description: 'brought by one of these channels (ids)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(ROW_ID, { each: true, message: 'each value in $property must be a channel id' })
  channelIds?: string[];

  @ApiPropertyOptional({
    example: '2026-09-01T00:00:00+08:00',
    description: 'relation added at or after',
  })
  @IsOptional()
  @isoInstant()
  addedFrom?: string;

  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00+08:00',
    description: 'relation added before',
  })
  @IsOptional()
  @isoInstant()
  addedTo?: string;

  @ApiPropertyOptional({ type: [Number], description: '0 unknown, 1 male, 2 female' })
  @IsOptional()
  @IsArray()
  @IsIn([0, 1, 2], { each: true })
  genders?: number[];

  @ApiPropertyOptional({ type: [Number], description: '1 WeChat user, 2 WeCom user' })
  @IsOptional()
  @IsArray()
  @IsIn([1, 2], { each: true })
  customerTypes?: number[];

  @ApiPropertyOptional({ enum: STATUSES, isArray: true, description: "default ['active']" })
  @IsOptional()
  @IsArray()
  @IsIn(STATUSES, { each: true })
  relationStatus?: AudienceRelationStatus[];

  @ApiPropertyOptional({ type: GroupConditionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GroupConditionDto)
  groups?: GroupConditionDto;

  @ApiPropertyOptional({ description: 'last chat interaction at or after' })
  @IsOptional()
  @isoInstant()
  lastChatFrom?: string;

  @ApiPropertyOptional({ description: 'last chat interaction before' })
  @IsOptional()
  @isoInstant()
  lastChatTo?: string;

  @ApiPropertyOptional({ description: 'substring of the name, a remark or a description' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  search?: string;
}

/** `{ filter }`: the body of a count. */
export class AudienceCountBodyDto {
  @ApiProperty({ type: AudienceFilterDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceFilterDto)
  filter: AudienceFilterDto;
}

export interface AudienceCountDto {
  count: number;
  /** When it was counted (ISO 8601). */
  countedAt: string;
}

export class AudienceCorpParamDto {
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;
}
