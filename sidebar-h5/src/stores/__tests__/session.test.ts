import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { SESSION_KEY, useSessionStore } from '#/stores/session';

const session = { token: 't-1', staff: { userId: 'lisi', name: '李四' } };

describe('session store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('setSession keeps the token and staff, and persists them', () => {
    const store = useSessionStore();
    store.setSession(session);
    expect(store.isAuthenticated).toBe(true);
    expect(store.staff).toEqual(session.staff);

    setActivePinia(createPinia());
    expect(useSessionStore().token).toBe('t-1');
  });

  it('clearSession forgets everything', () => {
    const store = useSessionStore();
    store.setSession(session);
    store.clearSession();
    expect(store.isAuthenticated).toBe(false);
    expect(store.staff).toBeNull();
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('ignores a malformed stored session', () => {
    localStorage.setItem(SESSION_KEY, '{"token": 42}');
    expect(useSessionStore().isAuthenticated).toBe(false);
  });
});
