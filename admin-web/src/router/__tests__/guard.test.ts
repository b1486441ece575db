import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { AuthApi } from '#/api/auth';
import { ApiError } from '#/api/request';
import { setupRouterGuard } from '#/router/guard';
import { routes } from '#/router/routes';
import { ACCESS_TOKEN_KEY, useAuthStore } from '#/stores/auth';

const api = vi.hoisted(() => ({ loginApi: vi.fn(), getMeApi: vi.fn() }));
vi.mock('#/api/auth', () => api);

const user = (role: AuthApi.User['role']): AuthApi.User => ({
  id: `u-${role}`,
  username: role,
  displayName: `The ${role}`,
  role,
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
    await router.push('/settings');
    expect(router.currentRoute.value.name).toBe('Settings');
    expect(api.getMeApi).toHaveBeenCalledTimes(1);
  });

  it('a viewer on an admin-only route → 403', async () => {
    storeToken();
    api.getMeApi.mockResolvedValue(user('viewer'));
    const router = await routerAt('/settings');
    expect(router.currentRoute.value.name).toBe('Forbidden');
    expect(router.currentRoute.value.query.from).toBe('/settings');
  });

  it('a manager on a manager route is let through, on an admin-only one is not', async () => {
    storeToken();
    api.getMeApi.mockResolvedValue(user('manager'));
    const router = await routerAt('/broadcasts');
    expect(router.currentRoute.value.name).toBe('Broadcasts');
    await router.push('/callback-events');
    expect(router.currentRoute.value.name).toBe('Forbidden');
  });

  it('an expired token (401 from /auth/me) clears the session → /login', async () => {
    storeToken();
    api.getMeApi.mockRejectedValue(new ApiError(401, 'AUTH_TOKEN_EXPIRED', 'Token expired'));
    const router = await routerAt('/customers');
    expect(router.currentRoute.value.path).toBe('/login');
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
