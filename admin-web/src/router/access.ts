import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router';
import type { Role } from '#/api/auth';

export interface MenuItem {
  name: string;
  path: string;
  title: string;
  order: number;
}

/** Whether `role` may open a route whose meta lists `roles` (no list: every signed-in user). */
export function canAccess(roles: readonly Role[] | undefined, role: Role | null): boolean {
  if (!role) return false;
  return !roles || roles.length === 0 || roles.includes(role);
}

/** Whether `role` may open `to`: every matched record (layout and page) must allow it. */
export function canAccessRoute(to: RouteLocationNormalized, role: Role | null): boolean {
  return to.matched.every((record) => canAccess(record.meta.roles, role));
}

/** The sidebar menu: routes with a title, not hidden, that `role` may open, by `meta.order`. */
export function buildMenus(routes: readonly RouteRecordRaw[], role: Role | null): MenuItem[] {
  return routes
    .filter((route) => route.meta?.title && !route.meta.hideInMenu)
    .filter((route) => canAccess(route.meta?.roles, role))
    .map((route) => ({
      name: String(route.name ?? route.path),
      path: route.path,
      title: route.meta?.title ?? '',
      order: route.meta?.order ?? Number.MAX_SAFE_INTEGER,
    }))
    .sort((a, b) => a.order - b.order);
}
