import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppException } from '../../../common/app.exception';
import { AuthUser, IS_PUBLIC, REQUIRED_ROLE } from '../auth.decorators';
import { Role, roleSatisfies } from '../role';

interface JwtPayload {
  sub: string;
  username: string;
  role: Role;
  /** Admin sessions carry none; other sessions (the sidebar's) name theirs and are refused. */
  aud?: string | string[];
}

/** `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235). */
const BEARER = /^bearer\s+(\S+)\s*$/i;

/**
 * Global guard: every route needs a valid admin JWT unless marked @Public(), and the user's
 * role must satisfy the route's @RequireRole (default: viewer).
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    if (!token) throw new AppException('AUTH_REQUIRED', 'Sign in first', HttpStatus.UNAUTHORIZED);

    let payload: JwtPayload;
    try {
      payload = await this.jwt.verifyAsync<JwtPayload>(token);
    } catch (err) {
      const expired = (err as Error).name === 'TokenExpiredError';
      throw new AppException(
        expired ? 'AUTH_TOKEN_EXPIRED' : 'AUTH_TOKEN_INVALID',
        expired ? 'Your session has expired, sign in again' : 'Invalid session token',
        HttpStatus.UNAUTHORIZED,
      );
    }
    if (payload.aud !== undefined || !Object.values(Role).includes(payload.role)) {
      throw new AppException(
        'AUTH_TOKEN_INVALID',
        'Invalid session token',
        HttpStatus.UNAUTHORIZED,
      );
    }
    const user: AuthUser = { id: payload.sub, username: payload.username, role: payload.role };
    req.user = user;

    const required = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? Role.Viewer;
    if (!roleSatisfies(user.role, required)) {
      throw new AppException(
        'FORBIDDEN_ROLE',
        `This action needs the ${required} role; you are ${user.role}`,
        HttpStatus.FORBIDDEN,
      );
    }
    return true;
  }
}
