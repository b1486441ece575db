import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthService } from './auth.service';
import { AuthUser, CurrentUser, Public, RequireRole } from './auth.decorators';
import { LoginDto, LoginResponseDto, SessionUserDto } from './dto/auth.dto';
import { Role } from './role';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Rate limited per client address (LOGIN_RATE_LIMIT_PER_MINUTE), shared by all API nodes. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(dto);
  }

  /** The signed-in account: its kind, role and corps (menus follow them). */
  @ApiBearerAuth()
  @RequireRole(Role.Viewer)
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<SessionUserDto> {
    return this.auth.me(user);
  }
}
