import { Role, roleSatisfies } from './role';

/** A role in one corp. */
export interface CorpGrant {
  corpId: string;
  role: Role;
}

/**
 * Who a console session belongs to, as its token says: an admin account, or a WeCom member who
 * signed in with WeCom's web login (`staff`, always scoped to the one corp they belong to).
 */
export interface AuthUser {
  kind: 'admin' | 'staff';
  /** The admin user's row id, or `<corpId>:<userid>` for a staff member. */
  id: string;
  /** The admin's username, or the staff member's WeCom userid. */
  username: string;
  /** The role everywhere for an installation-wide account; null when scoped to `corps`. */
  installationRole: Role | null;
  /** The corps of a scoped account with its role in each (empty when installation-wide). */
  corps: CorpGrant[];
  /** The highest role the account has anywhere (for menus). */
  role: Role;
}

/** The principal whose token version a session carries: `admin:<id>` or `staff:<corp>:<user>`. */
export function principalOf(user: Pick<AuthUser, 'kind' | 'id'>): string {
  return `${user.kind}:${user.id}`;
}

/** The caller's role in one corp, or null when the corp is outside their scope. */
export function roleInCorp(user: AuthUser, corpId: string): Role | null {
  if (user.installationRole) return user.installationRole;
  return user.corps.find((c) => c.corpId === corpId)?.role ?? null;
}

/**
 * The corps where the caller has at least `role`: `undefined` for every corp (installation-wide),
 * otherwise the list (possibly empty).
 */
export function corpsWithRole(user: AuthUser, role: Role): string[] | undefined {
  if (user.installationRole) return roleSatisfies(user.installationRole, role) ? undefined : [];
  return user.corps.filter((c) => roleSatisfies(c.role, role)).map((c) => c.corpId);
}

/** The highest of the roles, for an account's menus. */
export function highestRole(roles: Role[]): Role {
  for (const r of [Role.Admin, Role.Manager, Role.Viewer]) if (roles.includes(r)) return r;
  return Role.Viewer;
}

/** Keeps the items whose corp is in `scope` (`undefined`: every corp). */
export function inScope<T>(scope: string[] | undefined, items: T[], corpOf: (t: T) => string): T[] {
  if (!scope) return items;
  const allowed = new Set(scope);
  return items.filter((t) => allowed.has(corpOf(t)));
}
