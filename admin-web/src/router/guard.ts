import type { NavigationGuardWithThis, RouteLocationRaw, Router } from 'vue-router';
import { ApiError, setUnauthorizedHandler } from '#/api/request';
import { useMessage } from '#/composables/use-message';
import { useAuthStore } from '#/stores/auth';
import { canAccessRoute } from './access';
import { HOME_PATH, LOGIN_PATH } from './routes';

function loginRedirect(fullPath: string): RouteLocationRaw {
  return fullPath === '/' || fullPath === HOME_PATH
    ? { path: LOGIN_PATH }
    : { path: LOGIN_PATH, query: { redirect: fullPath } };
}

/**
 * Signed out → /login (remembering where to go back); a signed-in user is loaded once
 * from /api/auth/me; a route whose `meta.roles` leaves the user's role out → 403.
 */
export function createAuthGuard(): NavigationGuardWithThis<undefined> {
  return async (to) => {
    const auth = useAuthStore();

    if (to.meta.public) {
      if (to.path === LOGIN_PATH && auth.isAuthenticated && auth.user) {
        const redirect = typeof to.query.redirect === 'string' ? to.query.redirect : HOME_PATH;
        return redirect.startsWith('/') ? redirect : HOME_PATH;
      }
      return true;
    }

    if (!auth.isAuthenticated) {
      auth.clearSession();
      return loginRedirect(to.fullPath);
    }

    if (!auth.user) {
      try {
        await auth.fetchUser();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) auth.clearSession();
        else useMessage().error(error instanceof Error ? error.message : String(error));
        return loginRedirect(to.fullPath);
      }
    }

    if (!canAccessRoute(to, auth.role)) {
      return { name: 'Forbidden', query: { from: to.fullPath }, replace: true };
    }
    return true;
  };
}

export function setupRouterGuard(router: Router): void {
  router.beforeEach(createAuthGuard());
  // A 401 from any API call: the session is already cleared; leave for /login.
  setUnauthorizedHandler(async () => {
    const current = router.currentRoute.value;
    if (!current.meta.public) await router.replace(loginRedirect(current.fullPath));
  });
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · WeCom SCRM` : 'WeCom SCRM';
  });
}
