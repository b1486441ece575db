import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import {
  CorpQueryDto,
  DepartmentResponseDto,
  ListStaffQueryDto,
  StaffResponseDto,
} from './dto/staff.dto';
import { StaffService } from './staff.service';

/** The staff and department mirror, read-only. */
@ApiTags('staff')
@ApiBearerAuth()
@RequireRole(Role.Viewer)
@Controller('admin')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get('staff')
  list(@Query() q: ListStaffQueryDto): Promise<StaffResponseDto[]> {
    return this.staff.listStaff(q.corpId, {
      departed: q.departed,
      cursor: q.cursor,
      limit: q.limit,
    });
  }

  @Get('departments')
  departments(@Query() q: CorpQueryDto): Promise<DepartmentResponseDto[]> {
    return this.staff.listDepartments(q.corpId);
  }
}
