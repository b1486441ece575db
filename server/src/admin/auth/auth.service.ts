import { HttpStatus, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcryptjs';
import { AppException } from '../../common/app.exception';
import { AllConfig } from '../../config/configuration';
import { AdminUserRepository } from './admin-user.repository';
import { AuthUser } from './auth.decorators';
import {
  AdminUserResponseDto,
  LoginDto,
  LoginResponseDto,
  toAdminUserResponse,
} from './dto/auth.dto';
import { Role } from './role';

const BCRYPT_ROUNDS = 12;
/** Compared against when the username is unknown, so timing does not reveal which usernames exist. */
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 4);

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_ROUNDS);

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: AdminUserRepository,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  /** Creates the first admin from ADMIN_INITIAL_PASSWORD when there is none yet. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('app.runsApi', { infer: true })) return;
    const { initialAdminUsername, initialAdminPassword } = this.config.get('auth', { infer: true });
    if ((await this.users.countByRole(Role.Admin)) > 0) return;
    if (!initialAdminPassword) {
      this.logger.warn(
        'No admin user exists and ADMIN_INITIAL_PASSWORD is not set: nobody can sign in',
      );
      return;
    }
    try {
      await this.users.insert({
        username: initialAdminUsername,
        displayName: 'Administrator',
        passwordHash: await hashPassword(initialAdminPassword),
        role: Role.Admin,
        corpId: null,
      });
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
    const expiresIn = this.config.get('auth.jwtExpiresInSeconds', { infer: true });
    const accessToken = await this.jwt.signAsync(
      { sub: String(user.id), username: user.username, role: user.role },
      { expiresIn },
    );
    return { accessToken, expiresIn, user: toAdminUserResponse(user) };
  }

  async me(auth: AuthUser): Promise<AdminUserResponseDto> {
    const user = await this.users.findById(auth.id);
    if (!user || user.disabled) {
      throw new AppException(
        'AUTH_TOKEN_INVALID',
        'This account no longer exists',
        HttpStatus.UNAUTHORIZED,
      );
    }
    return toAdminUserResponse(user);
  }
}
