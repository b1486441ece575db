import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public, SidebarIdentity, SidebarRoute, SidebarStaff } from '../admin/auth/auth.decorators';
import { JsapiSignatureService } from '../wecom/jsapi-signature.service';
import {
  CreateSidebarSessionDto,
  JsSdkSignatureDto,
  OAuthUrlDto,
  OAuthUrlQueryDto,
  SidebarMeDto,
  SidebarSessionResponseDto,
  SignatureQueryDto,
} from './dto/sidebar-session.dto';
import { SidebarSessionService } from './sidebar-session.service';
import { SidebarThrottlerGuard } from './sidebar-throttler.guard';

@ApiTags('sidebar')
@UseGuards(SidebarThrottlerGuard)
@Controller('sidebar')
export class SidebarController {
  constructor(
    private readonly sessions: SidebarSessionService,
    private readonly signatures: JsapiSignatureService,
  ) {}

  /** WeCom's OAuth link for the page (the corp's id and app come from the server). */
  @Public()
  @Get('oauth-url')
  oauthUrl(@Query() q: OAuthUrlQueryDto): Promise<OAuthUrlDto> {
    return this.sessions.oauthUrl(q);
  }

  /**
   * OAuth code → sidebar session (the code is WeCom's proof of who the guide is). Limited per
   * address like every sidebar call before a session, with the sidebar's budget (a store's guides
   * share an address, and a code works only once).
   */
  @Public()
  @Post('session')
  @HttpCode(200)
  createSession(@Body() dto: CreateSidebarSessionDto): Promise<SidebarSessionResponseDto> {
    return this.sessions.create(dto);
  }

  /** A fresh token for a session that is still valid (silent renewal). */
  @ApiBearerAuth()
  @SidebarRoute()
  @Post('session/renew')
  @HttpCode(200)
  renew(@SidebarStaff() who: SidebarIdentity): Promise<SidebarSessionResponseDto> {
    return this.sessions.renew(who);
  }

  /** Checks a stored session and gives what `ww.register` needs. */
  @ApiBearerAuth()
  @SidebarRoute()
  @Get('me')
  me(@SidebarStaff() who: SidebarIdentity): Promise<SidebarMeDto> {
    return this.sessions.me(who);
  }

  /** `getConfigSignature`: signed with the corp's jsapi_ticket, for the URL without its hash. */
  @ApiBearerAuth()
  @SidebarRoute()
  @Get('jssdk/config-signature')
  async configSignature(
    @SidebarStaff() who: SidebarIdentity,
    @Query() q: SignatureQueryDto,
  ): Promise<JsSdkSignatureDto> {
    const s = await this.signatures.configSignature(who.corpId, q.url);
    return { timestamp: s.timestamp, nonceStr: s.nonceStr, signature: s.signature };
  }

  /** `getAgentConfigSignature`: signed with the app's agent_config ticket. */
  @ApiBearerAuth()
  @SidebarRoute()
  @Get('jssdk/agent-config-signature')
  async agentConfigSignature(
    @SidebarStaff() who: SidebarIdentity,
    @Query() q: SignatureQueryDto,
  ): Promise<JsSdkSignatureDto> {
    const s = await this.signatures.agentConfigSignature(who.corpId, q.url);
    return { timestamp: s.timestamp, nonceStr: s.nonceStr, signature: s.signature };
  }
}
