import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AudienceFilterDto } from '../../audience/dto/audience-filter.dto';
import { CORP_ID, ROW_ID, WECOM_ID } from '../../common/validation/wecom-ids';

/** WeCom's `order`: larger first, [0, 2^32). */
const ORDER_MAX = 4294967295;

export class NewTagDto {
  @ApiProperty({ example: '金卡会员' })
  @IsString()
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({ description: 'larger first' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(ORDER_MAX)
  order?: number;
}

export class CreateTagGroupDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiProperty({ example: '客户等级' })
  @IsString()
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(ORDER_MAX)
  order?: number;

  @ApiProperty({ type: [NewTagDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NewTagDto)
  tags: NewTagDto[];
}

export class AddTagsDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiProperty({ type: [NewTagDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NewTagDto)
  tags: NewTagDto[];
}

export class TagIdParamDto {
  @ApiProperty({ description: 'a tag id or a tag group id' })
  @Matches(WECOM_ID)
  id: string;
}

export class EditTagDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({ description: 'larger first' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(ORDER_MAX)
  order?: number;
}

export class ReorderDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiPropertyOptional({ description: 'the group whose tags are reordered; omitted: the groups' })
  @IsOptional()
  @Matches(WECOM_ID)
  groupId?: string;

  @ApiProperty({ type: [String], description: 'every id, top first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3000)
  @Matches(WECOM_ID, { each: true })
  ids: string[];
}

export class DeleteTagsDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(WECOM_ID, { each: true })
  tagIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(WECOM_ID, { each: true })
  groupIds?: string[];
}

export class PushIdParamDto {
  @ApiProperty()
  @Matches(ROW_ID)
  id: string;
}

export class CorpBodyDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;
}

export class CustomerTagsParamDto {
  @ApiProperty()
  @Matches(WECOM_ID)
  externalUserId: string;
}

export class ChangeCustomerTagsDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiPropertyOptional({
    description: "one staff member's relation; omitted: all of the customer's",
  })
  @IsOptional()
  @Matches(WECOM_ID)
  userId?: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(WECOM_ID, { each: true })
  addTagIds: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(WECOM_ID, { each: true })
  removeTagIds: string[];
}

export class StartBulkJobDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiPropertyOptional({ type: AudienceFilterDto, description: 'the customers to mark' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceFilterDto)
  filter?: AudienceFilterDto;

  @ApiPropertyOptional({ type: [String], description: 'instead of a filter: these customers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100000)
  @Matches(WECOM_ID, { each: true })
  externalUserIds?: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(WECOM_ID, { each: true })
  addTagIds: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(WECOM_ID, { each: true })
  removeTagIds: string[];
}

export class ImportMarksDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiProperty({ example: 'marks.csv' })
  @IsString()
  @MaxLength(255)
  fileName: string;

  @ApiProperty({ description: 'the CSV text (UTF-8), at most ~1 MB' })
  @IsString()
  @MaxLength(1_000_000)
  csv: string;

  @ApiProperty({ description: 'true: report only, write nothing' })
  @IsBoolean()
  dryRun: boolean;
}
