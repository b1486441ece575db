import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { AppException } from '../common/app.exception';
import { AllConfig } from '../config/configuration';
import { CorpService } from '../corps/corp.service';
import { WecomApiException } from '../wecom/wecom-api.exception';
import { AddressBookClient } from '../wecom/areas/address-book.client';
import { OAuthJssdkClient } from '../wecom/areas/oauth-jssdk.client';
import { SIDEBAR_AUDIENCE } from './sidebar-audience';
import { CreateSidebarSessionDto, SidebarSessionResponseDto } from './dto/sidebar-session.dto';

export { SIDEBAR_AUDIENCE } from './sidebar-audience';
const SIDEBAR_SESSION_SECONDS = 8 * 3600;

/**
 * The sidebar trusts only identities proven through WeCom OAuth: the `code` WeCom gave the
 * guide's browser is exchanged (auth/getuserinfo, once) for the member's userid.
 */
@Injectable()
export class SidebarSessionService {
  private readonly logger = new Logger(SidebarSessionService.name);

  constructor(
    private readonly corps: CorpService,
    private readonly addressBook: AddressBookClient,
    private readonly oauth: OAuthJssdkClient,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  async create(dto: CreateSidebarSessionDto): Promise<SidebarSessionResponseDto> {
    const corpId = dto.corpId ?? (await this.onlyCorp());
    let userId: string | undefined;
    try {
      userId = (await this.oauth.getUserInfoByCode(corpId, dto.code)).userid;
    } catch (err) {
      if (err instanceof WecomApiException && err.errcode > 0) {
        this.logger.warn({ corpId, errcode: err.errcode }, 'sidebar sign-in code refused by WeCom');
        throw new AppException(
          'SIDEBAR_CODE_INVALID',
          'This sign-in link has expired or was already used: open the sidebar again',
          HttpStatus.UNAUTHORIZED,
        );
      }
      throw err;
    }
    if (!userId) {
      throw new AppException(
        'SIDEBAR_NOT_A_MEMBER',
        'Only members of the corp can use the sidebar',
        HttpStatus.FORBIDDEN,
      );
    }
    const name = await this.addressBook
      .getUser(corpId, userId)
      .then((u) => u.name || userId!)
      .catch(() => userId!);
    const token = await this.jwt.signAsync(
      { sub: userId, corpId, aud: SIDEBAR_AUDIENCE },
      {
        expiresIn: SIDEBAR_SESSION_SECONDS,
        secret: this.config.get('auth.jwtSecret', { infer: true }),
      },
    );
    return { token, expiresIn: SIDEBAR_SESSION_SECONDS, staff: { userId, name, corpId } };
  }

  private async onlyCorp(): Promise<string> {
    const corps = await this.corps.list();
    if (corps.length === 1) return corps[0].corpId;
    throw new AppException(
      'VALIDATION_FAILED',
      corps.length
        ? 'corpId is required: several corps are configured'
        : 'No corp is configured yet',
      HttpStatus.BAD_REQUEST,
      { corpId: ['corpId is required'] },
    );
  }
}
