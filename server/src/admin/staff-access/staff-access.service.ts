import { randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import { AppException } from '../../common/app.exception';
import { AllConfig } from '../../config/configuration';
import { CorpService } from '../../corps/corp.service';
import { REDIS_CLIENT } from '../../redis/redis.constants';
import { WecomApiException } from '../../wecom/wecom-api.exception';
import { AddressBookClient } from '../../wecom/areas/address-book.client';
import { OAuthJssdkClient } from '../../wecom/areas/oauth-jssdk.client';
import { webLoginParams, webLoginUrl } from '../../wecom/web-login-url';
import { AuthUser } from '../auth/access';
import { AuthService } from '../auth/auth.service';
import { LoginResponseDto } from '../auth/dto/auth.dto';
import { Role } from '../auth/role';
import { TokenVersionService } from '../auth/token-version.service';
import {
  StaffConsoleRoleResponseDto,
  toStaffRoleResponse,
  WebLoginDto,
  WebLoginUrlResponseDto,
} from './staff-access.dto';
import { StaffConsoleRoleRepository } from './staff-console-role.repository';

/** A login state is good for one sign-in within this many seconds. */
const STATE_SECONDS = 600;
/** user/get: the member does not exist. */
const USER_NOT_FOUND = 60111;

const principal = (corpId: string, userId: string) => `staff:${corpId}:${userId}`;

/**
 * Staff sign-in to the console with WeCom's web login (企业微信Web登录): the login URL with a
 * one-time state, the code exchanged with auth/getuserinfo, and a console session with the
 * role an admin gave the member in that corp (staff_console_role). Taking the role away, or the
 * member's `delete_user`, ends their sessions at once (token version).
 */
@Injectable()
export class StaffAccessService {
  private readonly logger = new Logger(StaffAccessService.name);
  private readonly statePrefix: string;

  constructor(
    private readonly roles: StaffConsoleRoleRepository,
    private readonly versions: TokenVersionService,
    private readonly auth: AuthService,
    private readonly corps: CorpService,
    private readonly oauth: OAuthJssdkClient,
    private readonly addressBook: AddressBookClient,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: ConfigService<AllConfig, true>,
  ) {
    this.statePrefix = `${config.get('queue.prefix', { infer: true })}:auth:wwlogin:`;
  }

  async loginUrl(corpIdOrNone?: string, redirectUri?: string): Promise<WebLoginUrlResponseDto> {
    const corp = await this.corps.get(corpIdOrNone ?? (await this.onlyCorp()));
    const redirect =
      redirectUri ?? `${this.config.get('app.publicBaseUrl', { infer: true })}/login/wecom`;
    const state = randomBytes(18).toString('base64url');
    await this.redis.set(
      this.statePrefix + state,
      JSON.stringify({ corpId: corp.corpId }),
      'EX',
      STATE_SECONDS,
    );
    const params = webLoginParams(corp.corpId, corp.agentId, redirect, state);
    return {
      corpId: corp.corpId,
      url: webLoginUrl(this.config.get('wecom.loginBaseUrl', { infer: true }), params),
      params,
      expiresIn: STATE_SECONDS,
    };
  }

  async login(dto: WebLoginDto): Promise<LoginResponseDto> {
    const saved = await this.redis.getdel(this.statePrefix + dto.state);
    if (!saved || (JSON.parse(saved) as { corpId: string }).corpId !== dto.corpId) {
      throw new AppException(
        'WECOM_LOGIN_STATE_INVALID',
        'This sign-in has expired or was already used: start the WeCom sign-in again',
        HttpStatus.BAD_REQUEST,
        { state: ['state is unknown, expired or already used'] },
      );
    }
    let userId: string | undefined;
    try {
      userId = (await this.oauth.getUserInfoByCode(dto.corpId, dto.code)).userid;
    } catch (err) {
      if (err instanceof WecomApiException && err.errcode > 0) {
        this.logger.warn({ corpId: dto.corpId, errcode: err.errcode }, 'web login code refused');
        throw new AppException(
          'WECOM_LOGIN_CODE_INVALID',
          'WeCom did not accept this sign-in (the code expired or was already used): scan again',
          HttpStatus.UNAUTHORIZED,
        );
      }
      throw err;
    }
    if (!userId) {
      throw new AppException(
        'WECOM_LOGIN_NOT_A_MEMBER',
        'Only members of the corp can sign in with WeCom',
        HttpStatus.FORBIDDEN,
      );
    }
    const row = await this.roles.find(dto.corpId, userId);
    if (!row?.role) {
      this.logger.warn({ corpId: dto.corpId, userId }, 'web login without a console role');
      throw new AppException(
        'STAFF_NO_CONSOLE_ROLE',
        'Your WeCom account has no access to this console yet: ask an admin to give you a role',
        HttpStatus.FORBIDDEN,
      );
    }
    const name = await this.addressBook
      .getUser(dto.corpId, userId)
      .then((u) => u.name || userId!)
      .catch(() => userId!);
    const user: AuthUser = {
      kind: 'staff',
      id: `${dto.corpId}:${userId}`,
      username: userId,
      installationRole: null,
      corps: [{ corpId: dto.corpId, role: row.role }],
      role: row.role,
    };
    this.logger.log({ corpId: dto.corpId, userId, role: row.role }, 'staff signed in with WeCom');
    return this.auth.issue(user, row.tokenVersion, name);
  }

  async list(corpId: string): Promise<StaffConsoleRoleResponseDto[]> {
    return (await this.roles.listGranted(corpId)).map(toStaffRoleResponse);
  }

  /** Gives (or changes) a member's console role; their older sessions end. */
  async grant(
    corpId: string,
    userId: string,
    role: Role,
    by: AuthUser,
  ): Promise<StaffConsoleRoleResponseDto> {
    await this.requireMember(corpId, userId);
    const row = await this.roles.setRole(corpId, userId, role, by.username);
    await this.versions.publish(principal(corpId, userId));
    this.logger.log({ corpId, userId, role, by: by.username }, 'staff console role granted');
    return toStaffRoleResponse(row);
  }

  async revoke(corpId: string, userId: string, by: AuthUser): Promise<void> {
    if (!(await this.roles.revoke(corpId, userId))) {
      throw new AppException(
        'STAFF_ROLE_NOT_FOUND',
        `${userId} has no console role in ${corpId}`,
        HttpStatus.NOT_FOUND,
      );
    }
    await this.versions.publish(principal(corpId, userId));
    this.logger.log({ corpId, userId, by: by.username }, 'staff console role revoked');
  }

  /** The member left the corp (delete_user): their console access ends at once. Idempotent. */
  async revokeDeparted(corpId: string, userId: string): Promise<void> {
    if (await this.roles.revoke(corpId, userId)) {
      await this.versions.publish(principal(corpId, userId));
      this.logger.log({ corpId, userId }, 'departed staff lost console access');
    }
  }

  private async requireMember(corpId: string, userId: string): Promise<void> {
    await this.corps.get(corpId);
    try {
      await this.addressBook.getUser(corpId, userId);
    } catch (err) {
      if (err instanceof WecomApiException && err.errcode === USER_NOT_FOUND) {
        throw new AppException(
          'VALIDATION_FAILED',
          `Invalid userId: ${userId} is not a member of this corp`,
          HttpStatus.BAD_REQUEST,
          { userId: [`${userId} is not a member of this corp`] },
        );
      }
      throw err;
    }
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
