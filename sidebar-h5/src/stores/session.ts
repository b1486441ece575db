import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SidebarApi } from '#/api/sidebar';

export const SESSION_KEY = 'scrm.sidebar.session';
const COOKIE = 'scrm_sidebar_session';

/**
 * Desktop WeCom's WebView may reset localStorage between opens: the session is kept in a cookie
 * first (path-scoped, SameSite=Lax, Secure on https), localStorage second.
 */
function readCookie(name: string): string | null {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null;
}

export function writeCookie(name: string, value: string | null, maxAgeSeconds: number): void {
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  document.cookie =
    value === null
      ? `${name}=; Max-Age=0; Path=/; SameSite=Lax${secure}`
      : `${name}=${encodeURIComponent(value)}; Max-Age=${maxAgeSeconds}; Path=/; SameSite=Lax${secure}`;
}

export { readCookie };

function parse(raw: string | null): SidebarApi.Session | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<SidebarApi.Session>;
    if (typeof parsed.token !== 'string' || typeof parsed.staff?.userId !== 'string') return null;
    return { token: parsed.token, staff: parsed.staff };
  } catch {
    return null;
  }
}

function readStoredSession(): SidebarApi.Session | null {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(SESSION_KEY);
  } catch {
    stored = null;
  }
  return parse(readCookie(COOKIE)) ?? parse(stored);
}

/** The guide's session: the server's token and who the guide is, kept across sidebar opens. */
export const useSessionStore = defineStore('session', () => {
  const stored = readStoredSession();
  const token = ref<string | null>(stored?.token ?? null);
  const staff = ref<SidebarApi.Staff | null>(stored?.staff ?? null);
  /** Why the sidebar could not start, shown instead of the pages. */
  const bootError = ref<string | null>(null);

  const isAuthenticated = computed(() => token.value !== null);

  function setSession(session: SidebarApi.Session) {
    token.value = session.token;
    staff.value = session.staff;
    bootError.value = null;
    const value = JSON.stringify({ token: session.token, staff: session.staff });
    // the cookie lives as long as the server allows renewals (12 h)
    writeCookie(COOKIE, value, 12 * 3600);
    try {
      localStorage.setItem(SESSION_KEY, value);
    } catch {
      /* storage disabled: the cookie holds it */
    }
  }

  function clearSession() {
    token.value = null;
    staff.value = null;
    writeCookie(COOKIE, null, 0);
    try {
      localStorage.removeItem(SESSION_KEY);
    } catch {
      /* storage disabled */
    }
  }

  function setBootError(message: string | null) {
    bootError.value = message;
  }

  return { token, staff, bootError, isAuthenticated, setSession, clearSession, setBootError };
});
