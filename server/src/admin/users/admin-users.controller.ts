import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, RequireInstallationRole } from '../auth/auth.decorators';
import { AdminUserResponseDto } from '../auth/dto/auth.dto';
import { Role } from '../auth/role';
import { AdminUsersService } from './admin-users.service';
import {
  AdminUserIdParamDto,
  CreateAdminUserDto,
  ResetPasswordDto,
  UpdateAdminUserDto,
} from './dto/admin-users.dto';

/** Settings → admin users: installation-wide admins only. */
@ApiTags('admin users')
@ApiBearerAuth()
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @RequireInstallationRole(Role.Admin)
  @Get()
  list(): Promise<AdminUserResponseDto[]> {
    return this.users.list();
  }

  @RequireInstallationRole(Role.Admin)
  @Post()
  create(@Body() dto: CreateAdminUserDto): Promise<AdminUserResponseDto> {
    return this.users.create(dto);
  }

  @RequireInstallationRole(Role.Admin)
  @Get(':id')
  get(@Param() { id }: AdminUserIdParamDto): Promise<AdminUserResponseDto> {
    return this.users.get(id);
  }

  @RequireInstallationRole(Role.Admin)
  @Patch(':id')
  update(
    @Param() { id }: AdminUserIdParamDto,
    @Body() dto: UpdateAdminUserDto,
    @CurrentUser() by: AuthUser,
  ): Promise<AdminUserResponseDto> {
    return this.users.update(id, dto, by);
  }

  @RequireInstallationRole(Role.Admin)
  @Post(':id/disable')
  @HttpCode(200)
  disable(
    @Param() { id }: AdminUserIdParamDto,
    @CurrentUser() by: AuthUser,
  ): Promise<AdminUserResponseDto> {
    return this.users.setDisabled(id, true, by);
  }

  @RequireInstallationRole(Role.Admin)
  @Post(':id/enable')
  @HttpCode(200)
  enable(
    @Param() { id }: AdminUserIdParamDto,
    @CurrentUser() by: AuthUser,
  ): Promise<AdminUserResponseDto> {
    return this.users.setDisabled(id, false, by);
  }

  @RequireInstallationRole(Role.Admin)
  @Post(':id/password')
  @HttpCode(200)
  resetPassword(
    @Param() { id }: AdminUserIdParamDto,
    @Body() dto: ResetPasswordDto,
    @CurrentUser() by: AuthUser,
  ): Promise<AdminUserResponseDto> {
    return this.users.resetPassword(id, dto.password, by);
  }
}
