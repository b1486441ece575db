import { describe, expect, it } from 'vitest';
import type { RouteRecordRaw } from 'vue-router';
import type { AuthApi } from '#/api/auth';
import { accessContextOf, buildMenus, corpScopeOf, refusal, roleInCorp } from '#/router/access';
import { sectionRoutes } from '#/router/routes';

const user = (more: Partial<AuthApi.User>): AuthApi.User => ({
  id: '1',
  username: 'u',
  displayName: 'U',
  role: 'viewer',
  ...more,
});

const menuOf = (u: AuthApi.User, corpId: string | null = 'wwA') =>
  buildMenus(sectionRoutes, accessContextOf(u, corpId)).map((m) => m.name);

describe('menus and routes by role and corp scope', () => {
  it('each role sees its sections, in menu order', () => {
    expect(menuOf(user({ role: 'admin' }))).toEqual([
      'Dashboard',
      'Customers',
      'Tags',
      'Channels',
      'Broadcasts',
      'Moments',
      'Campaigns',
      'ChatRules',
      'QuickReplies',
      'Groups',
      'Staff',
      'Transfers',
      'CallbackEvents',
      'Settings',
    ]);
    expect(menuOf(user({ role: 'manager' }))).toEqual([
      'Dashboard',
      'Customers',
      'Tags',
      'Channels',
      'Broadcasts',
      'Moments',
      'Campaigns',
      'ChatRules',
      'QuickReplies',
      'Groups',
      'Staff',
    ]);
    expect(menuOf(user({ role: 'viewer' }))).toEqual([
      'Dashboard',
      'Customers',
      'Tags',
      'Groups',
      'Staff',
    ]);
  });

  it('no placeholder section is in the menu: every entry has a page of its own', () => {
    for (const route of sectionRoutes) {
      expect(String(route.component)).not.toMatch(/coming-soon/);
    }
  });

  it('a scoped account has its role per corp, and none outside its corps', () => {
    const scoped = user({
      role: 'admin',
      installationRole: null,
      corps: [
        { corpId: 'wwA', role: 'admin' },
        { corpId: 'wwB', role: 'viewer' },
      ],
    });
    expect(corpScopeOf(scoped)).toEqual(['wwA', 'wwB']);
    expect(roleInCorp(scoped, 'wwA')).toBe('admin');
    expect(roleInCorp(scoped, 'wwB')).toBe('viewer');
    expect(roleInCorp(scoped, 'wwC')).toBeNull();
    expect(menuOf(scoped, 'wwB')).toEqual(['Dashboard', 'Customers', 'Tags', 'Groups', 'Staff']);
    expect(menuOf(scoped, 'wwC')).toEqual([]);
  });

  it("the server's me: installationWide and corps with a role in each", () => {
    const scoped = user({
      role: 'manager',
      installationWide: false,
      corps: [{ corpId: 'wwA', role: 'manager' }],
    });
    expect(corpScopeOf(scoped)).toEqual(['wwA']);
    expect(roleInCorp(scoped, 'wwA')).toBe('manager');
    expect(roleInCorp(scoped, 'wwB')).toBeNull();
    const wide = user({ role: 'admin', installationWide: true, corps: [] });
    expect(corpScopeOf(wide)).toBeUndefined();
    expect(roleInCorp(wide, 'wwB')).toBe('admin');
    expect(accessContextOf(wide, 'wwB')).toEqual({ role: 'admin', installationWide: true });
  });

  it('an installation-wide account has its role in every corp', () => {
    const wide = user({ role: 'manager', installationRole: 'manager', corps: [] });
    expect(corpScopeOf(wide)).toBeUndefined();
    expect(roleInCorp(wide, 'anything')).toBe('manager');
  });

  it('installation-only routes refuse scoped accounts, with the reason', () => {
    const meta = { roles: ['admin' as const], installation: true };
    expect(refusal(meta, { role: 'admin', installationWide: true })).toBeNull();
    expect(refusal(meta, { role: 'admin', installationWide: false })).toBe('installation');
    expect(refusal(meta, { role: 'manager', installationWide: true })).toBe('role');
    expect(refusal(undefined, { role: null, installationWide: true })).toBe('role');
  });

  it('hidden routes and routes without a title stay out of the menu', () => {
    const routes: RouteRecordRaw[] = [
      { path: '/a', name: 'A', component: {}, meta: { title: 'menu.customers', order: 2 } },
      { path: '/b', name: 'B', component: {}, meta: { title: 'menu.staff', hideInMenu: true } },
      { path: '/c', name: 'C', component: {} },
      { path: '/d', name: 'D', component: {}, meta: { title: 'menu.groups', order: 1 } },
    ];
    expect(
      buildMenus(routes, { role: 'viewer', installationWide: true }).map((m) => m.name),
    ).toEqual(['D', 'A']);
  });
});
