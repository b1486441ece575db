import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthUser, CurrentUser, Public, RequireRole } from '../auth/auth.decorators';
import { LoginResponseDto } from '../auth/dto/auth.dto';
import { Role } from '../auth/role';
import {
  CorpParamDto,
  GrantStaffRoleDto,
  StaffConsoleRoleResponseDto,
  StaffRoleParamsDto,
  WebLoginDto,
  WebLoginUrlQueryDto,
  WebLoginUrlResponseDto,
} from './staff-access.dto';
import { StaffAccessService } from './staff-access.service';

/** Staff sign in to the console with WeCom's web login (企业微信Web登录). */
@ApiTags('auth')
@Controller('auth/wecom')
export class StaffLoginController {
  constructor(private readonly access: StaffAccessService) {}

  /** The login URL and the `createWWLoginPanel` parameters, with a one-time state. */
  @Public()
  @Get('login-url')
  loginUrl(@Query() q: WebLoginUrlQueryDto): Promise<WebLoginUrlResponseDto> {
    return this.access.loginUrl(q.corpId, q.redirectUri);
  }

  /** The code and state WeCom redirected with → a console session with the member's role. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: WebLoginDto): Promise<LoginResponseDto> {
    return this.access.login(dto);
  }
}

/** Settings → staff sign-in: which WeCom members may use the console, with which role. */
@ApiTags('staff console roles')
@ApiBearerAuth()
@Controller('admin/corps/:corpId/staff-roles')
export class StaffRolesController {
  constructor(private readonly access: StaffAccessService) {}

  @RequireRole(Role.Admin)
  @Get()
  list(@Param() { corpId }: CorpParamDto): Promise<StaffConsoleRoleResponseDto[]> {
    return this.access.list(corpId);
  }

  @RequireRole(Role.Admin)
  @Put(':userId')
  grant(
    @Param() { corpId, userId }: StaffRoleParamsDto,
    @Body() dto: GrantStaffRoleDto,
    @CurrentUser() by: AuthUser,
  ): Promise<StaffConsoleRoleResponseDto> {
    return this.access.grant(corpId, userId, dto.role, by);
  }

  @RequireRole(Role.Admin)
  @Delete(':userId')
  @HttpCode(204)
  revoke(
    @Param() { corpId, userId }: StaffRoleParamsDto,
    @CurrentUser() by: AuthUser,
  ): Promise<void> {
    return this.access.revoke(corpId, userId, by);
  }
}
