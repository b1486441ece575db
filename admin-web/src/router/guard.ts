import type {
  NavigationGuardWithThis,
  RouteLocationNormalized,
  RouteLocationRaw,
  Router,
} from 'vue-router';
import { ApiError, setForbiddenHandler, setUnauthorizedHandler, showError } from '#/api/request';
import { t } from '#/locales';
import { useAuthStore } from '#/stores/auth';
import { useCorpStore } from '#/stores/corp';
import { setupRedirect } from '#/views/setup/setup-redirect';
import { routeRefusal } from './access';
import { HOME_PATH, LOGIN_PATH } from './routes';

function loginRedirect(fullPath: string, reason?: 'expired'): RouteLocationRaw {
  const query: Record<string, string> = {};
  if (fullPath !== '/' && fullPath !== HOME_PATH && !fullPath.startsWith(LOGIN_PATH)) {
    query.redirect = fullPath;
  }
  if (reason) query.reason = reason;
  return { path: LOGIN_PATH, query };
}

/**
 * Starts loading the lazy components of the routes `to` will show (the layout, the page), so that
 * their chunks arrive while the guard waits for the server instead of after it. The router
 * imports them again when it resolves them: the same modules, loaded once.
 */
function preloadRouteComponents(to: RouteLocationNormalized): void {
  for (const record of to.matched)
    for (const component of Object.values(record.components ?? {}))
      if (typeof component === 'function')
        void (component as () => Promise<unknown>)().catch(() => undefined);
}

/**
 * Signed out → /login (remembering where to go back); a signed-in user is loaded once from
 * /api/auth/me and their corps once from /api/admin/corps; a route the user's role in the
 * current corp (or their scope) does not allow → 403 saying why.
 */
export function createAuthGuard(): NavigationGuardWithThis<undefined> {
  return async (to) => {
    const auth = useAuthStore();
    const corp = useCorpStore();
    // A signed-in user's first page: the user, their corps, the setup status and the page's chunks
    // at once (one round trip instead of four in a row). The corps' request is silent about a
    // 401: the user's request decides (below).
    let user: Promise<unknown> | null = null;
    let corps: Promise<void> | null = null;
    if (!to.meta.public && auth.isAuthenticated) {
      preloadRouteComponents(to);
      if (!auth.user) user = auth.fetchUser();
      if (!corp.loaded) corps = corp.load({ skipAuthRedirect: true });
      // handled below when awaited; marked handled now, because a redirect (the first-run
      // wizard) may return before either is awaited, and a 401 may arrive before then
      user?.catch(() => undefined);
      corps?.catch(() => undefined);
    }
    // a fresh installation opens the first-run wizard (views/setup/setup-redirect.ts)
    const firstRun = await setupRedirect(to, auth.user?.role ?? null);
    if (firstRun) return firstRun;

    if (to.meta.public) {
      if (to.path === LOGIN_PATH && auth.isAuthenticated && auth.user) {
        const redirect = typeof to.query.redirect === 'string' ? to.query.redirect : HOME_PATH;
        return redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : HOME_PATH;
      }
      return true;
    }

    if (!auth.isAuthenticated) {
      auth.clearSession();
      return loginRedirect(to.fullPath);
    }

    if (!auth.user) {
      try {
        await (user ?? auth.fetchUser());
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          auth.clearSession();
          return loginRedirect(to.fullPath, 'expired');
        }
        showError(error instanceof Error ? error.message : String(error));
        return loginRedirect(to.fullPath);
      }
    }

    const corpSetup = await setupRedirect(to, auth.user?.role ?? null);
    if (corpSetup) return corpSetup;

    if (corps) await corps;
    if (!corp.loaded) await corp.load();

    if (to.name !== 'Forbidden') {
      const reason = routeRefusal(to, corp.access);
      if (reason) return { name: 'Forbidden', query: { from: to.fullPath, reason }, replace: true };
    }
    return true;
  };
}

export function setupRouterGuard(router: Router): void {
  router.beforeEach(createAuthGuard());
  // A 401 from any API call: the session is already cleared; leave for /login with a message.
  setUnauthorizedHandler(async () => {
    useCorpStore().reset();
    const current = router.currentRoute.value;
    if (!current.meta.public) await router.replace(loginRedirect(current.fullPath, 'expired'));
  });
  // The server refused to show a page's data (a 403 on a GET): the 403 page with its sentence.
  setForbiddenHandler(async (message) => {
    const current = router.currentRoute.value;
    if (current.name === 'Forbidden' || current.meta.public) return;
    await router.replace({
      name: 'Forbidden',
      query: { from: current.fullPath, reason: 'server', message },
    });
  });
  router.afterEach((to) => {
    const title = to.meta.title ? t(to.meta.title) : '';
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  });
}
