import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppException } from '../../../common/app.exception';
import { SIDEBAR_AUDIENCE } from '../../../sidebar/sidebar-audience';
import { AuthUser, corpsWithRole, principalOf, roleInCorp } from '../access';
import { AuthorizedRequest, ROUTE_ACCESS, RouteAccess } from '../auth.decorators';
import { Role, roleSatisfies } from '../role';
import { consoleSessionOf } from '../session-token.service';
import { TokenVersionService } from '../token-version.service';

/** `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235). */
const BEARER = /^bearer\s+(\S+)\s*$/i;

type HttpRequest = AuthorizedRequest & {
  headers: Record<string, string | undefined>;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
};

const invalid = () =>
  new AppException('AUTH_TOKEN_INVALID', 'Invalid session token', HttpStatus.UNAUTHORIZED);

/** Every value a request gives for `name`: path parameter, query string and JSON body. */
export function requestValues(req: HttpRequest, name: string): string[] {
  const body =
    req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  return [req.params?.[name], req.query?.[name], body[name]]
    .flat()
    .filter((v): v is string => typeof v === 'string');
}

/**
 * The one place access is decided (global guard). Every route declares its rule (@Public,
 * @RequireRole, @RequireInstallationRole, @SidebarRoute); a route without one is refused.
 * A console session must carry the current token version of its account (instant revocation),
 * and its role must hold in every corp the request names (`corpId` in the path, query or body);
 * a request naming no corp needs the role somewhere, and lists show only those corps
 * (`@CallerCorps()`). Sidebar sessions only reach sidebar routes, bound to their corp and member.
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly versions: TokenVersionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) {
      throw new AppException(
        'ROUTE_ACCESS_UNDECLARED',
        'This route declares no access rule, so nobody may call it',
        HttpStatus.FORBIDDEN,
      );
    }
    // public: anyone; machine: the route's own guard checks the caller's credential
    if (access.kind === 'public' || access.kind === 'machine') return true;

    const req = context.switchToHttp().getRequest<HttpRequest>();
    const payload = await this.verify(req);
    if (access.kind === 'sidebar') return this.admitSidebar(req, payload);

    const session = consoleSessionOf(payload);
    if (!session) throw invalid();
    const current = await this.versions.current(principalOf(session.user));
    if (current === null || current !== session.tokenVersion) {
      throw new AppException(
        'AUTH_SESSION_REVOKED',
        'This session was ended (account disabled, access changed or password reset): sign in again',
        HttpStatus.UNAUTHORIZED,
      );
    }
    req.user = session.user;
    req.corpScope = this.authorize(session.user, access, requestValues(req, 'corpId'));
    return true;
  }

  private async verify(req: HttpRequest): Promise<Record<string, unknown>> {
    const header = req.headers.authorization;
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    if (!token) throw new AppException('AUTH_REQUIRED', 'Sign in first', HttpStatus.UNAUTHORIZED);
    try {
      return await this.jwt.verifyAsync<Record<string, unknown>>(token);
    } catch (err) {
      const expired = (err as Error).name === 'TokenExpiredError';
      if (!expired) throw invalid();
      throw new AppException(
        'AUTH_TOKEN_EXPIRED',
        'Your session has expired, sign in again',
        HttpStatus.UNAUTHORIZED,
      );
    }
  }

  /** Returns the corps the caller may see on this route (undefined: every corp). */
  private authorize(
    user: AuthUser,
    access: Extract<RouteAccess, { kind: 'role' }>,
    corpIds: string[],
  ): string[] | undefined {
    const required = access.role;
    if (access.installation) {
      if (!user.installationRole || !roleSatisfies(user.installationRole, required)) {
        throw new AppException(
          'FORBIDDEN_ROLE',
          `This action needs an installation-wide ${required} account`,
          HttpStatus.FORBIDDEN,
        );
      }
      return undefined;
    }
    for (const corpId of new Set(corpIds)) {
      const role = roleInCorp(user, corpId);
      if (!role) {
        throw new AppException(
          'FORBIDDEN_CORP',
          `Your account has no access to corp ${corpId}`,
          HttpStatus.FORBIDDEN,
        );
      }
      if (!roleSatisfies(role, required)) throw forbiddenRole(required, role);
    }
    const scope = corpsWithRole(user, required);
    if (scope && !scope.length) throw forbiddenRole(required, user.role);
    return scope;
  }

  private admitSidebar(req: HttpRequest, payload: Record<string, unknown>): boolean {
    const { sub, corpId, aud } = payload;
    if (aud !== SIDEBAR_AUDIENCE || typeof sub !== 'string' || typeof corpId !== 'string') {
      throw invalid();
    }
    const foreign = [
      ...requestValues(req, 'corpId').filter((c) => c !== corpId),
      ...requestValues(req, 'userId').filter((u) => u !== sub),
    ];
    if (foreign.length) {
      throw new AppException(
        'FORBIDDEN_SIDEBAR_SCOPE',
        'A sidebar session works only for its own corp and staff member',
        HttpStatus.FORBIDDEN,
      );
    }
    const authTime = typeof payload.at === 'number' ? payload.at : payload.iat;
    req.sidebar = {
      corpId,
      userId: sub,
      ...(typeof authTime === 'number' ? { authTime } : {}),
    };
    return true;
  }
}

function forbiddenRole(required: Role, actual: Role): AppException {
  return new AppException(
    'FORBIDDEN_ROLE',
    `This action needs the ${required} role; you are ${actual}`,
    HttpStatus.FORBIDDEN,
  );
}
