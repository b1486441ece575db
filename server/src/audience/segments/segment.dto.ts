import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CORP_ID, ROW_ID } from '../../common/validation/wecom-ids';
import { AudienceFilterDto } from '../dto/audience-filter.dto';
import type { SegmentRow } from './segment.repository';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SegmentParamsDto {
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;

  @Matches(ROW_ID, { message: 'id must be a segment id' })
  id: string;
}

export class CreateSegmentDto {
  @ApiProperty({ description: 'unique in the corp, 1-64 characters', example: '高价值宝妈' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name: string;

  @ApiProperty({ type: AudienceFilterDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceFilterDto)
  filter: AudienceFilterDto;
}

export class UpdateSegmentDto {
  @ApiPropertyOptional({ description: 'a new name' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({ type: AudienceFilterDto, description: 'a new filter (counted again)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceFilterDto)
  filter?: AudienceFilterDto;
}

export class SegmentResponseDto {
  id: string;
  name: string;
  @ApiProperty({ type: AudienceFilterDto })
  filter: AudienceFilterDto;
  @ApiProperty({ type: Number, nullable: true, description: 'customers at countedAt' })
  customerCount: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'when the count was taken' })
  countedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toSegmentResponse(s: SegmentRow): SegmentResponseDto {
  return {
    id: s.id,
    name: s.name,
    filter: s.filter as AudienceFilterDto,
    customerCount: s.customerCount,
    countedAt: s.countedAt ? s.countedAt.toISOString() : null,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
