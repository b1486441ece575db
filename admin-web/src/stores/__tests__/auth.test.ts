import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthApi } from '#/api/auth';
import { ACCESS_TOKEN_KEY, useAuthStore } from '#/stores/auth';

const api = vi.hoisted(() => ({ loginApi: vi.fn(), getMeApi: vi.fn() }));
vi.mock('#/api/auth', () => api);

const manager: AuthApi.User = {
  id: 'u-2',
  username: 'mia',
  displayName: 'Mia Manager',
  role: 'manager',
};

describe('auth store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    api.loginApi.mockReset();
    api.getMeApi.mockReset();
  });

  it('login stores the token (persisted) and the user', async () => {
    api.loginApi.mockResolvedValue({ accessToken: 'tok-1', expiresIn: 3600, user: manager });
    const auth = useAuthStore();

    await auth.login({ username: 'mia', password: 'secret' });

    expect(api.loginApi).toHaveBeenCalledWith({ username: 'mia', password: 'secret' });
    expect(auth.accessToken).toBe('tok-1');
    expect(auth.user).toEqual(manager);
    expect(auth.role).toBe('manager');
    expect(auth.isAuthenticated).toBe(true);
    const stored = JSON.parse(localStorage.getItem(ACCESS_TOKEN_KEY) ?? '{}');
    expect(stored.token).toBe('tok-1');
    expect(stored.expiresAt).toBeGreaterThan(Date.now() + 3500 * 1000);
  });

  it('a new store picks the token up from localStorage (page reload)', async () => {
    api.loginApi.mockResolvedValue({ accessToken: 'tok-2', expiresIn: 3600, user: manager });
    await useAuthStore().login({ username: 'mia', password: 'secret' });

    setActivePinia(createPinia());
    const reloaded = useAuthStore();
    expect(reloaded.accessToken).toBe('tok-2');
    expect(reloaded.isAuthenticated).toBe(true);
    expect(reloaded.user).toBeNull();
  });

  it('ignores and removes an expired stored token', () => {
    localStorage.setItem(
      ACCESS_TOKEN_KEY,
      JSON.stringify({ token: 'old', expiresAt: Date.now() - 1000 }),
    );
    const auth = useAuthStore();
    expect(auth.accessToken).toBeNull();
    expect(auth.isAuthenticated).toBe(false);
    expect(localStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });

  it('a failed login leaves no session', async () => {
    api.loginApi.mockRejectedValue(new Error('Invalid username or password'));
    const auth = useAuthStore();
    await expect(auth.login({ username: 'mia', password: 'wrong' })).rejects.toThrow();
    expect(auth.accessToken).toBeNull();
    expect(localStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });

  it('logout clears the token, the user and localStorage', async () => {
    api.loginApi.mockResolvedValue({ accessToken: 'tok-3', expiresIn: 3600, user: manager });
    const auth = useAuthStore();
    await auth.login({ username: 'mia', password: 'secret' });

    auth.logout();

    expect(auth.accessToken).toBeNull();
    expect(auth.user).toBeNull();
    expect(auth.role).toBeNull();
    expect(auth.isAuthenticated).toBe(false);
    expect(localStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });

  it('fetchUser loads the user behind a stored token', async () => {
    api.getMeApi.mockResolvedValue(manager);
    const auth = useAuthStore();
    await auth.fetchUser();
    expect(auth.user).toEqual(manager);
  });

  it('hasRole checks the role against a list', async () => {
    const auth = useAuthStore();
    expect(auth.hasRole()).toBe(false);

    api.loginApi.mockResolvedValue({ accessToken: 't', expiresIn: 60, user: manager });
    await auth.login({ username: 'mia', password: 'secret' });

    expect(auth.hasRole()).toBe(true);
    expect(auth.hasRole([])).toBe(true);
    expect(auth.hasRole(['admin', 'manager'])).toBe(true);
    expect(auth.hasRole(['admin'])).toBe(false);
  });
});
