import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/auth.decorators';
import { AdminUserResponseDto } from '../auth/dto/auth.dto';
import { Role } from '../auth/role';
import { AdminUsersService } from './admin-users.service';
import { CreateAdminUserDto } from './dto/admin-users.dto';

@ApiTags('admin users')
@ApiBearerAuth()
@RequireRole(Role.Admin)
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  list(): Promise<AdminUserResponseDto[]> {
    return this.users.list();
  }

  @Post()
  create(@Body() dto: CreateAdminUserDto): Promise<AdminUserResponseDto> {
    return this.users.create(dto);
  }
}
