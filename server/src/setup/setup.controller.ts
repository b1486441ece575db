import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public, RequireInstallationRole, RequireRole } from '../admin/auth/auth.decorators';
import { LoginResponseDto } from '../admin/auth/dto/auth.dto';
import { Role } from '../admin/auth/role';
import {
  CallbackSettingsDto,
  CreateFirstAdminDto,
  RegisterCorpDto,
  RegisteredCorpDto,
  SetupCheckReportDto,
  SetupCorpParamDto,
  SetupStatusDto,
} from './dto/setup.dto';
import { SetupService } from './setup.service';

/** The first-run wizard: the first admin, the corp, the live checks (docs: README "First run"). */
@ApiTags('setup')
@Controller('setup')
export class SetupController {
  constructor(private readonly setup: SetupService) {}

  /** Public: a fresh installation (no admin or no corp) opens the wizard. Booleans only. */
  @Public()
  @Get('status')
  status(): Promise<SetupStatusDto> {
    return this.setup.status();
  }

  /** Public while no admin exists (409 afterwards); signs the new admin in. */
  @Public()
  @UseGuards(ThrottlerGuard) // the login's per-address limit (LOGIN_RATE_LIMIT_PER_MINUTE)
  @Post('admin')
  createFirstAdmin(@Body() dto: CreateFirstAdminDto): Promise<LoginResponseDto> {
    return this.setup.createFirstAdmin(dto);
  }

  @ApiBearerAuth()
  @RequireInstallationRole(Role.Admin) // registering a corp, like POST /api/admin/corps
  @Post('corps')
  registerCorp(@Body() dto: RegisterCorpDto): Promise<RegisteredCorpDto> {
    return this.setup.registerCorp(dto);
  }

  /** The callback URL, Token and EncodingAESKey to paste into WeCom (admins only). */
  @ApiBearerAuth()
  @RequireRole(Role.Admin)
  @Get('corps/:corpId/callback')
  callback(@Param() p: SetupCorpParamDto): Promise<CallbackSettingsDto> {
    return this.setup.callbackSettings(p.corpId);
  }

  @ApiBearerAuth()
  @RequireRole(Role.Admin)
  @Post('corps/:corpId/callback/regenerate')
  regenerate(@Param() p: SetupCorpParamDto): Promise<CallbackSettingsDto> {
    return this.setup.regenerateCallbackKeys(p.corpId);
  }

  /** Every credential checked live against WeCom; each failure a sentence with where to fix it. */
  @ApiBearerAuth()
  @RequireRole(Role.Admin)
  @Post('corps/:corpId/check')
  @HttpCode(200)
  check(@Param() p: SetupCorpParamDto): Promise<SetupCheckReportDto> {
    return this.setup.check(p.corpId);
  }
}
