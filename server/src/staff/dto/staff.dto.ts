import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CORP_ID, WECOM_ID } from '../../common/validation/wecom-ids';
import { DepartmentEntity } from '../entities/department.entity';
import { StaffEntity } from '../entities/staff.entity';

export class CorpQueryDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;
}

export class ListStaffQueryDto extends CorpQueryDto {
  @ApiPropertyOptional({ description: 'true: departed only; false: active only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  departed?: boolean;

  @ApiPropertyOptional({
    description: 'next page: the userId of the last row of the previous page',
  })
  @IsOptional()
  @Matches(WECOM_ID)
  cursor?: string;

  @ApiPropertyOptional({ default: 200, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class StaffResponseDto {
  corpId: string;
  userId: string;
  name: string;
  departmentIds: number[];
  mainDepartment: number | null;
  position: string;
  avatar: string;
  wecomStatus: number;
  customerContact: boolean;
  departedAt: string | null;
  updatedAt: string;
  /** Customers this member follows (active follow relations); in lists only. */
  customerCount?: number;
}

export class DepartmentResponseDto {
  id: number;
  name: string;
  parentId: number;
  sortOrder: number;
}

export function toStaffResponse(s: StaffEntity): StaffResponseDto {
  return {
    corpId: s.corpId,
    userId: s.userId,
    name: s.name,
    departmentIds: s.departmentIds ?? [],
    mainDepartment: s.mainDepartment,
    position: s.position,
    avatar: s.avatar,
    wecomStatus: s.wecomStatus,
    customerContact: !!s.customerContact,
    departedAt: s.departedAt ? s.departedAt.toISOString() : null,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function toDepartmentResponse(d: DepartmentEntity): DepartmentResponseDto {
  return { id: d.id, name: d.name, parentId: d.parentId, sortOrder: d.sortOrder };
}
