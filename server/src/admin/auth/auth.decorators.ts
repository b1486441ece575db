import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser } from './access';
import { Role } from './role';

export type { AuthUser } from './access';

/** Metadata key of every route's access rule: the global guard refuses a route without one. */
export const ROUTE_ACCESS = 'auth:routeAccess';

export type RouteAccess =
  /** Anyone (health, login, the sidebar's sign-in). */
  | { kind: 'public' }
  /**
   * An admin-console session with at least `role`: in the corp the request names (a `corpId` in
   * the path, query or body), in some corp when it names none (lists then show the caller's
   * corps only), or installation-wide when `installation` is set.
   */
  | { kind: 'role'; role: Role; installation: boolean }
  /** A sidebar session; a `corpId` or `userId` in the request must be the session's own. */
  | { kind: 'sidebar' }
  /**
   * A machine caller with a credential of its own, checked by the route's own guard (the chat
   * archive sidecar's ingest token): no console or sidebar session is accepted, every session
   * token is a 401.
   */
  | { kind: 'machine'; credential: string };

/** A route anyone may call (health, login, WeCom callbacks). */
export const Public = () => SetMetadata(ROUTE_ACCESS, { kind: 'public' } satisfies RouteAccess);

/** A route for a machine caller (e.g. `chat-ingest-token`), authenticated by its own guard. */
export const MachineRoute = (credential: string) =>
  SetMetadata(ROUTE_ACCESS, { kind: 'machine', credential } satisfies RouteAccess);

/**
 * The least role that may call the route, in the corp the request names; admin satisfies
 * manager, manager satisfies viewer. `installation`: only installation-wide accounts.
 */
export const RequireRole = (role: Role, options: { installation?: boolean } = {}) =>
  SetMetadata(ROUTE_ACCESS, {
    kind: 'role',
    role,
    installation: options.installation ?? false,
  } satisfies RouteAccess);

/** Installation-wide accounts only (admin users, jobs, registering a corp). */
export const RequireInstallationRole = (role: Role) => RequireRole(role, { installation: true });

/** A route of the sidebar H5: a sidebar session, bound to its corp and staff member. */
export const SidebarRoute = () =>
  SetMetadata(ROUTE_ACCESS, { kind: 'sidebar' } satisfies RouteAccess);

/** What the guard leaves on the request. */
export interface AuthorizedRequest {
  user?: AuthUser;
  /** Corps where the caller has the route's role; undefined: every corp. */
  corpScope?: string[];
  sidebar?: SidebarIdentity;
}

/** The corp and staff member a sidebar session belongs to. */
export interface SidebarIdentity {
  corpId: string;
  userId: string;
  /** When the guide signed in through OAuth (seconds; renewals keep it). */
  authTime?: number;
}

const requestOf = (ctx: ExecutionContext): AuthorizedRequest => ctx.switchToHttp().getRequest();

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => requestOf(ctx).user as AuthUser,
);

/**
 * The corps where the caller has the route's role, for lists that take no `corpId`:
 * `undefined` means every corp (an installation-wide account).
 */
export const CallerCorps = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string[] | undefined => requestOf(ctx).corpScope,
);

/** The sidebar session's corp and staff member (on @SidebarRoute routes). */
export const SidebarStaff = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): SidebarIdentity => requestOf(ctx).sidebar as SidebarIdentity,
);
