import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../admin/auth/auth.decorators';
import { CreateSidebarSessionDto, SidebarSessionResponseDto } from './dto/sidebar-session.dto';
import { SidebarSessionService } from './sidebar-session.service';

@ApiTags('sidebar')
@Controller('sidebar')
export class SidebarController {
  constructor(private readonly sessions: SidebarSessionService) {}

  /**
   * OAuth code → sidebar session (the code is WeCom's proof of who the guide is). Not throttled
   * per address like the admin login: a store's guides share one, and a code works only once.
   */
  @Public()
  @Post('session')
  @HttpCode(200)
  createSession(@Body() dto: CreateSidebarSessionDto): Promise<SidebarSessionResponseDto> {
    return this.sessions.create(dto);
  }
}
