import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { SidebarIdentity } from '../admin/auth/auth.decorators';
import { AppException } from '../common/app.exception';
import { AllConfig } from '../config/configuration';
import { CorpService } from '../corps/corp.service';
import { StaffService } from '../staff/staff.service';
import { WecomApiException } from '../wecom/wecom-api.exception';
import { AddressBookClient } from '../wecom/areas/address-book.client';
import { ExternalContactsClient } from '../wecom/areas/external-contacts.client';
import { OAuthJssdkClient } from '../wecom/areas/oauth-jssdk.client';
import { SIDEBAR_AUDIENCE } from './sidebar-audience';
import {
  CreateSidebarSessionDto,
  OAuthUrlDto,
  OAuthUrlQueryDto,
  SidebarMeDto,
  SidebarSessionResponseDto,
  SidebarStaffDto,
} from './dto/sidebar-session.dto';

export { SIDEBAR_AUDIENCE } from './sidebar-audience';
/** A token lives 30 minutes; the page renews it silently while the guide works. */
export const SIDEBAR_SESSION_SECONDS = 30 * 60;
/** Renewals stop 12 hours after the OAuth sign-in: then WeCom OAuth again (silent too). */
export const SIDEBAR_SESSION_MAX_SECONDS = 12 * 3600;

const notAllowed = () =>
  new AppException(
    'SIDEBAR_NO_CUSTOMER_CONTACT',
    'You do not have the customer-contact (客户联系) permission: ask your admin to grant it',
    HttpStatus.FORBIDDEN,
  );

/**
 * The sidebar trusts only identities proven through WeCom OAuth: the `code` WeCom gave the
 * guide's browser is exchanged (auth/getuserinfo, once) for the member's userid, and the member
 * must have the customer-contact permission (externalcontact/get_follow_user_list). The session
 * (audience `sidebar`, bound to the corp and the member) is short and renewed while the member
 * is still an active customer-contact member of the staff mirror.
 */
@Injectable()
export class SidebarSessionService {
  private readonly logger = new Logger(SidebarSessionService.name);

  constructor(
    private readonly corps: CorpService,
    private readonly addressBook: AddressBookClient,
    private readonly externalContacts: ExternalContactsClient,
    private readonly oauth: OAuthJssdkClient,
    private readonly staff: StaffService,
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
    const followUsers = await this.externalContacts.getFollowUserList(corpId);
    if (!followUsers.includes(userId)) {
      this.logger.warn({ corpId, userId }, 'sidebar sign-in without customer-contact permission');
      throw notAllowed();
    }
    const name = await this.addressBook
      .getUser(corpId, userId)
      .then((u) => u.name || userId!)
      .catch(() => userId!);
    return this.issue({ userId, name, corpId }, Math.floor(Date.now() / 1000));
  }

  /** A fresh token for a valid session, while the member may still use the sidebar. */
  async renew(who: SidebarIdentity): Promise<SidebarSessionResponseDto> {
    const authTime = who.authTime ?? 0;
    if (Date.now() / 1000 - authTime > SIDEBAR_SESSION_MAX_SECONDS) {
      throw new AppException(
        'AUTH_TOKEN_EXPIRED',
        'Your session has expired, sign in again',
        HttpStatus.UNAUTHORIZED,
      );
    }
    const [member] = await this.staff.availability(who.corpId, [who.userId]);
    if (member && (member.departedAt || member.wecomStatus !== 1)) {
      throw new AppException(
        'AUTH_SESSION_REVOKED',
        'This member has left the corp',
        HttpStatus.UNAUTHORIZED,
      );
    }
    if (member && !member.customerContact) throw notAllowed();
    return this.issue(
      { userId: who.userId, name: member?.name || who.userId, corpId: who.corpId },
      authTime,
    );
  }

  async me(who: SidebarIdentity): Promise<SidebarMeDto> {
    const [corp, names] = await Promise.all([
      this.corps.get(who.corpId),
      this.staff.names(who.corpId, [who.userId]),
    ]);
    return {
      staff: { userId: who.userId, name: names.get(who.userId) || who.userId, corpId: who.corpId },
      corpName: corp.name,
      agentId: corp.agentId,
      timeZone: corp.timeZone,
    };
  }

  /** WeCom's silent OAuth link (snsapi_base) for the page's redirect URI and random state. */
  async oauthUrl(q: OAuthUrlQueryDto): Promise<OAuthUrlDto> {
    const corp = await this.corps.get(q.corpId ?? (await this.onlyCorp()));
    return {
      url: this.oauth.buildOAuthAuthorizeUrl(corp.corpId, corp.agentId, q.redirectUri, q.state),
    };
  }

  private async issue(staff: SidebarStaffDto, authTime: number) {
    const token = await this.jwt.signAsync(
      { sub: staff.userId, corpId: staff.corpId, aud: SIDEBAR_AUDIENCE, at: authTime },
      {
        expiresIn: SIDEBAR_SESSION_SECONDS,
        secret: this.config.get('auth.jwtSecret', { infer: true }),
      },
    );
    return { token, expiresIn: SIDEBAR_SESSION_SECONDS, staff };
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
