import { describe, expect, it } from 'vitest';
import { buildMenus, canAccess } from '#/router/access';
import { sectionRoutes } from '#/router/routes';

const titles = (role: Parameters<typeof buildMenus>[1]) =>
  buildMenus(sectionRoutes, role).map((item) => item.title);

describe('route access', () => {
  it('canAccess: no roles means every signed-in user, never a signed-out one', () => {
    expect(canAccess(undefined, 'viewer')).toBe(true);
    expect(canAccess(['admin'], 'viewer')).toBe(false);
    expect(canAccess(['admin', 'viewer'], 'viewer')).toBe(true);
    expect(canAccess(undefined, null)).toBe(false);
  });

  it('an admin sees every section, in menu order', () => {
    expect(titles('admin')).toEqual([
      'Dashboard',
      'Customers',
      'Tags & chat rules',
      'Channels',
      'Groups',
      'Staff & inheritance',
      'Broadcasts',
      'Moments',
      'Callback events',
      'Settings',
    ]);
  });

  it('a manager sees no admin-only section', () => {
    const menu = titles('manager');
    expect(menu).toContain('Broadcasts');
    expect(menu).not.toContain('Settings');
    expect(menu).not.toContain('Staff & inheritance');
    expect(menu).not.toContain('Callback events');
  });

  it('a viewer sees only read sections', () => {
    expect(titles('viewer')).toEqual(['Dashboard', 'Customers', 'Tags & chat rules', 'Groups']);
  });

  it('signed out: no menu', () => {
    expect(titles(null)).toEqual([]);
  });
});
