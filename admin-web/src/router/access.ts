import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router';
import type { AuthApi, Role } from '#/api/auth';

/** Who is looking, as far as menus and routes care: the role in the current corp, the scope. */
export interface AccessContext {
  /** The role in the corp being looked at (null: none, e.g. a corp outside the scope). */
  role: Role | null;
  /** An installation-wide account (not scoped to some corps). */
  installationWide: boolean;
}

export interface MenuItem {
  name: string;
  path: string;
  /** i18n key of the title. */
  titleKey: string;
  icon?: string;
  order: number;
}

/** Why a route is refused: the role is not enough, or the route is installation-wide only. */
export type ForbiddenReason = 'role' | 'installation';

/** The corps a user may look at: `undefined` for every corp (an installation-wide account). */
export function corpScopeOf(user: AuthApi.User | null): string[] | undefined {
  if (!user) return [];
  if (user.installationWide === true || user.installationRole) return undefined;
  if (user.installationWide === false || user.installationRole === null) {
    return (user.corps ?? []).map((grant) => grant.corpId);
  }
  if (user.corps && user.corps.length > 0) return user.corps.map((grant) => grant.corpId);
  return user.corpId ? [user.corpId] : undefined;
}

/** The user's role when looking at `corpId` (no corp chosen yet: their highest role). */
export function roleInCorp(user: AuthApi.User | null, corpId: string | null): Role | null {
  if (!user) return null;
  if (user.installationRole) return user.installationRole;
  const scope = corpScopeOf(user);
  if (!scope) return user.role;
  if (!corpId) return scope.length > 0 ? user.role : null;
  const grant = user.corps?.find((g) => g.corpId === corpId);
  if (grant) return grant.role;
  return scope.includes(corpId) ? user.role : null;
}

export function accessContextOf(user: AuthApi.User | null, corpId: string | null): AccessContext {
  return { role: roleInCorp(user, corpId), installationWide: corpScopeOf(user) === undefined };
}

/** Why `meta` refuses `ctx`, or null when it allows it (no roles listed: every signed-in user). */
export function refusal(
  meta: { roles?: readonly Role[]; installation?: boolean } | undefined,
  ctx: AccessContext,
): ForbiddenReason | null {
  if (!ctx.role) return 'role';
  if (meta?.installation && !ctx.installationWide) return 'installation';
  if (meta?.roles && meta.roles.length > 0 && !meta.roles.includes(ctx.role)) return 'role';
  return null;
}

/** Whether `ctx` may open `to`: every matched record (layout and page) must allow it. */
export function routeRefusal(
  to: RouteLocationNormalized,
  ctx: AccessContext,
): ForbiddenReason | null {
  for (const record of to.matched) {
    const reason = refusal(record.meta, ctx);
    if (reason) return reason;
  }
  return null;
}

/** The side menu: routes with a title, not hidden, that `ctx` may open, by `meta.order`. */
export function buildMenus(routes: readonly RouteRecordRaw[], ctx: AccessContext): MenuItem[] {
  return routes
    .filter((route) => route.meta?.title && !route.meta.hideInMenu)
    .filter((route) => refusal(route.meta, ctx) === null)
    .map((route) => ({
      name: String(route.name ?? route.path),
      path: route.path,
      titleKey: route.meta?.title ?? '',
      icon: route.meta?.icon,
      order: route.meta?.order ?? Number.MAX_SAFE_INTEGER,
    }))
    .sort((a, b) => a.order - b.order);
}
