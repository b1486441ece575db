import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { getMeApi, loginApi, type AuthApi, type Role } from '#/api/auth';
import { earlyOr } from '#/api/early';
import { ACCESS_TOKEN_KEY } from './storage-keys';

export { ACCESS_TOKEN_KEY };

interface StoredToken {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

function readStoredToken(): StoredToken | null {
  try {
    const raw = localStorage.getItem(ACCESS_TOKEN_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredToken>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'number') return null;
    if (parsed.expiresAt <= Date.now()) {
      localStorage.removeItem(ACCESS_TOKEN_KEY);
      return null;
    }
    return { token: parsed.token, expiresAt: parsed.expiresAt };
  } catch {
    return null;
  }
}

export const useAuthStore = defineStore('auth', () => {
  const stored = readStoredToken();
  const accessToken = ref<string | null>(stored?.token ?? null);
  const expiresAt = ref<number | null>(stored?.expiresAt ?? null);
  const user = ref<AuthApi.User | null>(null);

  const isAuthenticated = computed(
    () => accessToken.value !== null && (expiresAt.value ?? 0) > Date.now(),
  );
  /** The highest role the account has anywhere (see corp store for the role in a corp). */
  const role = computed<Role | null>(() => user.value?.role ?? null);

  function setSession(token: string, expiresInSeconds: number, nextUser: AuthApi.User | null) {
    accessToken.value = token;
    expiresAt.value = Date.now() + expiresInSeconds * 1000;
    user.value = nextUser;
    localStorage.setItem(
      ACCESS_TOKEN_KEY,
      JSON.stringify({ token, expiresAt: expiresAt.value } satisfies StoredToken),
    );
  }

  /** Forget the token and the user (logout, or the server said 401). */
  function clearSession() {
    accessToken.value = null;
    expiresAt.value = null;
    user.value = null;
    localStorage.removeItem(ACCESS_TOKEN_KEY);
  }

  async function login(params: AuthApi.LoginParams): Promise<AuthApi.User> {
    const result = await loginApi(params);
    setSession(result.accessToken, result.expiresIn, result.user);
    return result.user;
  }

  /**
   * Load the user behind a stored token (after a page reload). The router guard calls it and
   * handles a 401 itself, so the request client neither toasts nor redirects here.
   */
  async function fetchUser(): Promise<AuthApi.User> {
    // index.html's inline script may have asked already (api/early.ts)
    const me = await earlyOr('/auth/me', accessToken.value, () =>
      getMeApi({ silent: true, skipAuthRedirect: true }),
    );
    user.value = me;
    return me;
  }

  function logout() {
    clearSession();
  }

  /** Whether the signed-in user holds one of `roles`; no list means any signed-in user. */
  function hasRole(roles?: readonly Role[]): boolean {
    if (!role.value) return false;
    return !roles || roles.length === 0 || roles.includes(role.value);
  }

  return {
    accessToken,
    expiresAt,
    user,
    role,
    isAuthenticated,
    login,
    setSession,
    logout,
    fetchUser,
    clearSession,
    hasRole,
  };
});
