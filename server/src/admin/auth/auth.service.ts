import { HttpStatus, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as bcrypt from 'bcryptjs';
import { AppException } from '../../common/app.exception';
import { AllConfig } from '../../config/configuration';
import { AuthUser } from './access';
import { AdminUserRepository } from './admin-user.repository';
import {
  authUserOf,
  LoginDto,
  LoginResponseDto,
  SessionUserDto,
  toSessionUser,
} from './dto/auth.dto';
import { Role } from './role';
import { SessionTokenService } from './session-token.service';

const BCRYPT_ROUNDS = 12;
/** Compared against when the username is unknown, so timing does not reveal which usernames exist. */
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 4);

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_ROUNDS);

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: AdminUserRepository,
    private readonly tokens: SessionTokenService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  /** Creates the first admin from ADMIN_INITIAL_PASSWORD when there is none yet. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('app.runsApi', { infer: true })) return;
    const { initialAdminUsername, initialAdminPassword } = this.config.get('auth', { infer: true });
    if ((await this.users.countInstallationAdmins()) > 0) return;
    if (!initialAdminPassword) {
      this.logger.warn(
        'No admin user exists and ADMIN_INITIAL_PASSWORD is not set: nobody can sign in',
      );
      return;
    }
    try {
      await this.users.insert(
        {
          username: initialAdminUsername,
          displayName: 'Administrator',
          passwordHash: await hashPassword(initialAdminPassword),
        },
        { installationRole: Role.Admin },
      );
      this.logger.log({ username: initialAdminUsername }, 'created the first admin user');
    } catch (err) {
      // another API node created it at the same moment: the unique username keeps one
      if ((err as { code?: string }).code !== 'ER_DUP_ENTRY') throw err;
    }
  }

  async login(dto: LoginDto): Promise<LoginResponseDto> {
    const user = await this.users.findByUsername(dto.username);
    const ok = await bcrypt.compare(dto.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) {
      this.logger.warn({ username: dto.username }, 'failed admin login');
      throw new AppException(
        'AUTH_INVALID_CREDENTIALS',
        'Wrong username or password',
        HttpStatus.UNAUTHORIZED,
      );
    }
    await this.users.touchLastLogin(user.id);
    return this.issue(authUserOf(user), user.tokenVersion, user.displayName);
  }

  /** A console session for an account (admin, or staff signed in through WeCom). */
  async issue(
    user: AuthUser,
    tokenVersion: number,
    displayName: string,
  ): Promise<LoginResponseDto> {
    return {
      accessToken: await this.tokens.sign(user, tokenVersion),
      expiresIn: this.tokens.expiresIn,
      user: toSessionUser(user, displayName),
    };
  }

  /** The session's account now (the guard has checked that its token is still current). */
  async me(auth: AuthUser): Promise<SessionUserDto> {
    if (auth.kind === 'staff') return toSessionUser(auth, auth.username);
    const user = await this.users.findById(auth.id);
    if (!user || user.disabled) {
      throw new AppException(
        'AUTH_TOKEN_INVALID',
        'This account no longer exists',
        HttpStatus.UNAUTHORIZED,
      );
    }
    return toSessionUser(authUserOf(user), user.displayName);
  }
}
