import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, Matches, ValidateNested } from 'class-validator';
import { CORP_ID, ROW_ID } from '../../common/validation/wecom-ids';
import { AudienceFilterDto } from '../dto/audience-filter.dto';
import type { ExportRow, ExportStatus } from './export.repository';

export class CreateExportDto {
  @ApiProperty({ type: AudienceFilterDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceFilterDto)
  filter: AudienceFilterDto;
}

export class ExportParamsDto {
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;

  @Matches(ROW_ID, { message: 'id must be an export id' })
  id: string;
}

export class ExportResponseDto {
  id: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] })
  status: ExportStatus;
  /** Customers written so far. */
  done: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'customers to write (counted at start)',
  })
  total: number | null;
  @ApiProperty({ type: Number, nullable: true })
  bytes: number | null;
  @ApiProperty({ type: String, nullable: true })
  error: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'GET it with the session (done only)' })
  downloadUrl: string | null;
  createdAt: string;
  @ApiProperty({ type: String, nullable: true })
  finishedAt: string | null;
}

export function toExportResponse(e: ExportRow): ExportResponseDto {
  return {
    id: e.id,
    status: e.status,
    done: e.done,
    total: e.total,
    bytes: e.bytes,
    error: e.error,
    downloadUrl:
      e.status === 'done'
        ? `/api/admin/corps/${encodeURIComponent(e.corpId)}/audience/exports/${e.id}/file`
        : null,
    createdAt: e.createdAt.toISOString(),
    finishedAt: e.finishedAt ? e.finishedAt.toISOString() : null,
  };
}
