import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { AuthApi } from '#/api/auth';
import { ApiError } from '#/api/request';
import { setupRouterGuard } from '#/router/guard';
import { routes } from '#/router/routes';
import { ACCESS_TOKEN_KEY, useAuthStore } from '#/stores/auth';
import { CURRENT_CORP_KEY, useCorpStore } from '#/stores/corp';

const api = vi.hoisted(() => ({ loginApi: vi.fn(), getMeApi: vi.fn() }));
vi.mock('#/api/auth', () => api);
const corpsApi = vi.hoisted(() => ({ listCorpsApi: vi.fn() }));
vi.mock('#/api/corps', () => corpsApi);

const user = (role: AuthApi.User['role'], more: Partial<AuthApi.User> = {}): AuthApi.User => ({
  id: `u-${role}`,
  username: role,
  displayName: `The ${role}`,
  role,
  ...more,
});

function storeToken(token = 'tok') {
  localStorage.setItem(
    ACCESS_TOKEN_KEY,
    JSON.stringify({ token, expiresAt: Date.now() + 3600_000 }),
  );
}

async function routerAt(path: string): Promise<Router> {
  const router = createRouter({ history: createMemoryHistory(), routes });
  setupRouterGuard(router);
  await router.push(path);
  return router;
}

describe('router guard', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    api.getMeApi.mockReset();
    corpsApi.listCorpsApi.mockResolvedValue([
      { corpId: 'wwcorp000001', name: '栖木生活' },
      { corpId: 'wwcorp000002', name: '白鹭书店' },
    ]);
  });

  it('no token → /login, remembering the page asked for', async () => {
    const router = await routerAt('/customers');
    expect(router.currentRoute.value.path).toBe('/login');
    expect(router.currentRoute.value.query.redirect).toBe('/customers');
    expect(api.getMeApi).not.toHaveBeenCalled();
  });

  it('no token on / → /login without a redirect', async () => {
    const router = await routerAt('/');
    expect(router.currentRoute.value.fullPath).toBe('/login');
  });

  it('the login page is open to anyone', async () => {
    const router = await routerAt('/login');
    expect(router.currentRoute.value.name).toBe('Login');
  });

  it('a stored token loads the user once, then the page opens', async () => {
    storeToken();
    api.getMeApi.mockResolvedValue(user('admin'));
    const router = await routerAt('/dashboard');
    expect(router.currentRoute.value.name).toBe('Dashboard');
    await router.push('/callback-events');
    expect(router.currentRoute.value.name).toBe('CallbackEvents');
    expect(api.getMeApi).toHaveBeenCalledTimes(1);
    expect(corpsApi.listCorpsApi).toHaveBeenCalledTimes(1);
  });

  it('asks for the user and their corps at once, not one after the other', async () => {
    storeToken();
    let answerMe: (u: AuthApi.User) => void = () => {};
    api.getMeApi.mockReturnValue(new Promise<AuthApi.User>((done) => (answerMe = done)));
    const router = createRouter({ history: createMemoryHistory(), routes });
    setupRouterGuard(router);
    const opened = router.push('/dashboard');
    await vi.waitFor(() => expect(api.getMeApi).toHaveBeenCalled());
    // the corps are asked for while /auth/me is still unanswered
    expect(corpsApi.listCorpsApi).toHaveBeenCalledTimes(1);
    answerMe(user('admin'));
    await opened;
    expect(router.currentRoute.value.name).toBe('Dashboard');
    expect(corpsApi.listCorpsApi).toHaveBeenCalledTimes(1);
  });

  it('a viewer on an admin-only route → 403, saying the role is why', async () => {
    storeToken();
    api.getMeApi.mockResolvedValue(user('viewer'));
    const router = await routerAt('/callback-events');
    expect(router.currentRoute.value.name).toBe('Forbidden');
    expect(router.currentRoute.value.query).toMatchObject({
      from: '/callback-events',
      reason: 'role',
    });
  });

  it('a manager on a manager route is let through, on an admin-only one is not', async () => {
    storeToken();
    api.getMeApi.mockResolvedValue(user('manager'));
    const router = await routerAt('/channels');
    expect(router.currentRoute.value.name).toBe('Channels');
    await router.push('/callback-events');
    expect(router.currentRoute.value.name).toBe('Forbidden');
  });

  it('a scoped account: its role in the current corp decides, and it sees its corps only', async () => {
    storeToken();
    localStorage.setItem(CURRENT_CORP_KEY, 'wwcorp000002');
    api.getMeApi.mockResolvedValue(
      user('admin', {
        installationRole: null,
        corps: [
          { corpId: 'wwcorp000001', role: 'admin' },
          { corpId: 'wwcorp000002', role: 'viewer' },
        ],
      }),
    );
    const router = await routerAt('/channels');
    const corp = useCorpStore();
    expect(corp.corps.map((c) => c.corpId)).toEqual(['wwcorp000001', 'wwcorp000002']);
    expect(corp.corpId).toBe('wwcorp000002');
    expect(router.currentRoute.value.name).toBe('Forbidden');
    corp.select('wwcorp000001');
    await router.push('/channels');
    expect(router.currentRoute.value.name).toBe('Channels');
  });

  it('an account scoped to one corp does not see the others', async () => {
    storeToken();
    api.getMeApi.mockResolvedValue(user('manager', { corpId: 'wwcorp000002' }));
    await routerAt('/dashboard');
    const corp = useCorpStore();
    expect(corp.corps.map((c) => c.name)).toEqual(['白鹭书店']);
    expect(corp.access).toEqual({ role: 'manager', installationWide: false });
  });

  it('an expired token (401 from /auth/me) clears the session → /login', async () => {
    storeToken();
    api.getMeApi.mockRejectedValue(new ApiError(401, 'AUTH_TOKEN_EXPIRED', 'Token expired'));
    const router = await routerAt('/customers');
    expect(router.currentRoute.value.path).toBe('/login');
    expect(router.currentRoute.value.query.reason).toBe('expired');
    expect(useAuthStore().accessToken).toBeNull();
    expect(localStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });

  it('a signed-in user opening /login goes to the dashboard', async () => {
    storeToken();
    api.getMeApi.mockResolvedValue(user('viewer'));
    const router = await routerAt('/dashboard');
    await router.push('/login');
    expect(router.currentRoute.value.name).toBe('Dashboard');
  });

  it('an unknown path of a signed-in user → 404', async () => {
    storeToken();
    api.getMeApi.mockResolvedValue(user('viewer'));
    const router = await routerAt('/no/such/page');
    expect(router.currentRoute.value.name).toBe('NotFound');
  });
});
