import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SidebarApi } from '#/api/sidebar';

export const SESSION_KEY = 'scrm.sidebar.session';

function readStoredSession(): SidebarApi.Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<SidebarApi.Session>;
    if (typeof parsed.token !== 'string' || typeof parsed.staff?.userId !== 'string') return null;
    return { token: parsed.token, staff: parsed.staff };
  } catch {
    return null;
  }
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
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  }

  function clearSession() {
    token.value = null;
    staff.value = null;
    localStorage.removeItem(SESSION_KEY);
  }

  function setBootError(message: string | null) {
    bootError.value = message;
  }

  return { token, staff, bootError, isAuthenticated, setSession, clearSession, setBootError };
});
