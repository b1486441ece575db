import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import { AuthService } from '../admin/auth/auth.service';
import { LoginResponseDto } from '../admin/auth/dto/auth.dto';
import { Role } from '../admin/auth/role';
import { AdminUsersService } from '../admin/users/admin-users.service';
import { AppException } from '../common/app.exception';
import { AllConfig } from '../config/configuration';
import { CorpService } from '../corps/corp.service';
import { REDIS_CLIENT } from '../redis/redis.constants';
import { CredentialCheckClient, ProbeOutcome } from '../wecom/areas/credential-check.client';
import { WecomCredentialCache } from '../wecom/transport/wecom-credential-cache';
import { generateCallbackKeys } from './callback-keys';
import {
  CallbackSettingsDto,
  CheckResultDto,
  CreateFirstAdminDto,
  RegisterCorpDto,
  RegisteredCorpDto,
  SetupCheckReportDto,
  SetupStatusDto,
  toCheck,
} from './dto/setup.dto';
import { SecretKind, egressIpFrom, sentences } from './setup-sentences';

/** Two first-admin requests at once: one wins, the other gets 409 (lock held at most 10 s). */
const FIRST_ADMIN_LOCK_MS = 10_000;

const SECRET_KINDS: SecretKind[] = ['agentSecret', 'contactSecret', 'addressBookSecret'];

/**
 * First run: is there an admin and a corp; the first admin; a corp registered with a callback
 * Token and EncodingAESKey generated here; every credential checked live against WeCom with a
 * sentence saying what is wrong and where to fix it.
 */
@Injectable()
export class SetupService {
  private readonly logger = new Logger(SetupService.name);
  private readonly publicBaseUrl: string;
  private readonly lockKey: string;

  constructor(
    private readonly corps: CorpService,
    private readonly users: AdminUsersService,
    private readonly auth: AuthService,
    private readonly probe: CredentialCheckClient,
    private readonly wecomCache: WecomCredentialCache,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: ConfigService<AllConfig, true>,
  ) {
    this.publicBaseUrl = config.get('app.publicBaseUrl', { infer: true });
    this.lockKey = `${config.get('queue.prefix', { infer: true })}:setup:first-admin`;
  }

  async status(): Promise<SetupStatusDto> {
    const [hasAdmin, corps] = await Promise.all([this.hasAdmin(), this.corps.list()]);
    const hasCorp = corps.length > 0;
    return { hasAdmin, hasCorp, needsSetup: !hasAdmin || !hasCorp };
  }

  /** Creates the first admin and signs them in; 409 once any admin exists. */
  async createFirstAdmin(dto: CreateFirstAdminDto): Promise<LoginResponseDto> {
    const locked = await this.redis.set(this.lockKey, '1', 'PX', FIRST_ADMIN_LOCK_MS, 'NX');
    try {
      if (!locked || (await this.hasAdmin())) throw alreadySetUp();
      await this.users.create({
        username: dto.username,
        displayName: dto.displayName ?? dto.username,
        password: dto.password,
        role: Role.Admin,
      });
      this.logger.log({ username: dto.username }, 'first admin created by the setup wizard');
    } finally {
      if (locked) await this.redis.del(this.lockKey);
    }
    return this.auth.login({ username: dto.username, password: dto.password });
  }

  /** Registers a corp with a fresh callback Token and EncodingAESKey; returns what to paste into WeCom. */
  async registerCorp(dto: RegisterCorpDto): Promise<RegisteredCorpDto> {
    const keys = generateCallbackKeys();
    const corp = await this.corps.create({ ...dto, ...keys });
    return { corp, callback: await this.callbackSettings(dto.corpId) };
  }

  async callbackSettings(corpId: string): Promise<CallbackSettingsDto> {
    const [corp, creds] = await Promise.all([
      this.corps.get(corpId),
      this.corps.credentials(corpId),
    ]);
    return {
      url: `${this.publicBaseUrl}${corp.callbackPath}`,
      token: creds.callbackToken,
      encodingAESKey: creds.encodingAESKey,
      verifiedAt: corp.callbackVerifiedAt,
    };
  }

  /** New Token and EncodingAESKey (the old ones stop working; WeCom must verify the URL again). */
  async regenerateCallbackKeys(corpId: string): Promise<CallbackSettingsDto> {
    await this.corps.update(corpId, generateCallbackKeys());
    return this.callbackSettings(corpId);
  }

  /**
   * Every credential checked live: gettoken per secret (40013 CorpID, 40001 secret), then with
   * the app's token get_follow_user_list (60020 untrusted IP, 48002 no customer-contact
   * permission, an empty list: nobody in the visible range has customer contact), and whether
   * WeCom has verified the callback URL.
   */
  async check(corpId: string): Promise<SetupCheckReportDto> {
    const creds = await this.corps.credentials(corpId);
    // the checked secrets are the ones to use from now on: drop cached tokens of older ones
    await this.wecomCache.forgetCorp(corpId);
    const checks: CheckResultDto[] = [];
    let egressIp: string | null = null;
    let followUsers: number | null = null;

    const agent = await this.probe.gettoken(corpId, creds.agentSecret);
    const corpIdWrong = !agent.ok && agent.errcode === 40013;
    checks.push(
      corpIdWrong
        ? toCheck('corpId', 'failed', sentences.corpIdWrong(), 40013)
        : agent.ok || agent.errcode !== null
          ? toCheck('corpId', 'ok', sentences.corpIdOk())
          : this.failure('corpId', agent),
    );
    for (const kind of SECRET_KINDS) {
      const secret =
        kind === 'agentSecret'
          ? creds.agentSecret
          : kind === 'contactSecret'
            ? creds.contactSecret
            : creds.addressBookSecret;
      if (corpIdWrong) checks.push(toCheck(kind, 'skipped', sentences.skippedAfterCorpId()));
      else if (!secret) checks.push(toCheck(kind, 'skipped', sentences.secretNotSet(kind)));
      else {
        const outcome = kind === 'agentSecret' ? agent : await this.probe.gettoken(corpId, secret);
        checks.push(this.secretCheck(kind, outcome));
      }
    }

    if (agent.ok) {
      const follow = await this.probe.followUserList(corpId, agent.data.access_token);
      if (!follow.ok && follow.errcode === 60020) {
        egressIp = egressIpFrom(follow.errmsg);
        checks.push(toCheck('trustedIp', 'failed', sentences.trustedIpRefused(egressIp), 60020));
        checks.push(toCheck('customerContact', 'skipped', sentences.skippedAfterTrustedIp()));
      } else {
        checks.push(
          follow.ok || follow.errcode !== null
            ? toCheck('trustedIp', 'ok', sentences.trustedIpOk())
            : this.failure('trustedIp', follow),
        );
        if (follow.ok) {
          followUsers = follow.data.follow_user?.length ?? 0;
          checks.push(
            followUsers > 0
              ? toCheck('customerContact', 'ok', sentences.customerContactOk(followUsers))
              : toCheck('customerContact', 'failed', sentences.customerContactEmpty()),
          );
        } else if (follow.errcode === 48002) {
          checks.push(
            toCheck('customerContact', 'failed', sentences.customerContactForbidden(), 48002),
          );
        } else checks.push(this.failure('customerContact', follow));
      }
    } else {
      const why = corpIdWrong
        ? sentences.skippedAfterCorpId()
        : sentences.skippedAfterAgentSecret();
      checks.push(toCheck('trustedIp', 'skipped', why));
      checks.push(toCheck('customerContact', 'skipped', why));
    }

    const { callbackVerifiedAt } = await this.corps.get(corpId);
    checks.push(
      callbackVerifiedAt
        ? toCheck('callback', 'ok', sentences.callbackVerified(callbackVerifiedAt))
        : toCheck('callback', 'pending', sentences.callbackWaiting()),
    );
    return {
      corpId,
      // a check skipped because an earlier one failed leaves that failure in the list
      ok: !checks.some((c) => c.status === 'failed' || c.status === 'pending'),
      checks,
      egressIp,
      followUsers,
      callbackVerifiedAt,
      checkedAt: new Date().toISOString(),
    };
  }

  private secretCheck(kind: SecretKind, outcome: ProbeOutcome<unknown>): CheckResultDto {
    if (outcome.ok) return toCheck(kind, 'ok', sentences.secretOk(kind));
    if (outcome.errcode === 40001)
      return toCheck(kind, 'failed', sentences.secretWrong(kind), 40001);
    return this.failure(kind, outcome);
  }

  /** WeCom unreachable, or an errcode no sentence foresaw: still said plainly, with the errcode. */
  private failure(key: CheckResultDto['key'], outcome: ProbeOutcome<unknown>): CheckResultDto {
    if (outcome.ok) throw new Error('not a failure');
    if (outcome.errcode === null)
      return toCheck(key, 'failed', sentences.unreachable(outcome.reason));
    return toCheck(
      key,
      'failed',
      sentences.otherError(outcome.errcode, outcome.errmsg),
      outcome.errcode,
    );
  }

  private async hasAdmin(): Promise<boolean> {
    return (await this.users.list()).some((u) => u.role === Role.Admin);
  }
}

function alreadySetUp(): AppException {
  return new AppException(
    'SETUP_ALREADY_DONE',
    'An admin already exists: sign in instead',
    HttpStatus.CONFLICT,
  );
}
