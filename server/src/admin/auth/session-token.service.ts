import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { AllConfig } from '../../config/configuration';
import { AuthUser, highestRole } from './access';
import { Role } from './role';

/**
 * Claims of a console session token: what the guard needs without a database read. `iw` is
 * the installation-wide role, `corps` the `[corpId, role]` pairs of a scoped account, `tv` the
 * token version (see TokenVersionService). Sidebar tokens have an audience and none of these.
 */
export interface ConsoleClaims {
  sub: string;
  username: string;
  kind: 'admin' | 'staff';
  iw: Role | null;
  corps: Array<[string, Role]>;
  tv: number;
}

const isRole = (r: unknown): r is Role => Object.values(Role).includes(r as Role);

/** Signs and reads console session tokens (admin accounts and staff signed in through WeCom). */
@Injectable()
export class SessionTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  get expiresIn(): number {
    return this.config.get('auth.jwtExpiresInSeconds', { infer: true });
  }

  sign(user: AuthUser, tokenVersion: number): Promise<string> {
    const claims: ConsoleClaims = {
      sub: user.id,
      username: user.username,
      kind: user.kind,
      iw: user.installationRole,
      corps: user.corps.map((c) => [c.corpId, c.role]),
      tv: tokenVersion,
    };
    return this.jwt.signAsync({ ...claims, role: user.role }, { expiresIn: this.expiresIn });
  }
}

/** The session a verified payload describes, or null when it is not a console session token. */
export function consoleSessionOf(payload: Record<string, unknown>): {
  user: AuthUser;
  tokenVersion: number;
} | null {
  const { sub, username, kind, iw, corps, tv, aud } = payload as Partial<ConsoleClaims> & {
    aud?: unknown;
  };
  if (aud !== undefined) return null;
  if (typeof sub !== 'string' || typeof username !== 'string') return null;
  if (kind !== 'admin' && kind !== 'staff') return null;
  if (!Number.isInteger(tv)) return null;
  if (iw !== null && !isRole(iw)) return null;
  if (
    !Array.isArray(corps) ||
    !corps.every((c) => Array.isArray(c) && typeof c[0] === 'string' && isRole(c[1]))
  )
    return null;
  if (iw === null && corps.length === 0) return null;
  const grants = corps.map(([corpId, role]) => ({ corpId, role }));
  return {
    user: {
      kind,
      id: sub,
      username,
      installationRole: iw,
      corps: iw ? [] : grants,
      role: iw ?? highestRole(grants.map((g) => g.role)),
    },
    tokenVersion: tv as number,
  };
}
