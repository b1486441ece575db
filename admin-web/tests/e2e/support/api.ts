import type { Page, Route } from 'playwright-core';

/**
 * The API the browser tests talk to. By default it is played here, following the server's
 * contract, by intercepting /api/** and /health/** with page.route. With SCRM_E2E_API_URL set,
 * nothing is intercepted: `vite preview` proxies to that real server, and the accounts below
 * come from SCRM_E2E_<ROLE>_USERNAME / _PASSWORD (seeded there).
 */
export const usesRealApi = Boolean(process.env.SCRM_E2E_API_URL);

export type Role = 'admin' | 'manager' | 'viewer';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface Account {
  username: string;
  password: string;
  user: User;
}

function account(role: Role, displayName: string): Account {
  const prefix = `SCRM_E2E_${role.toUpperCase()}`;
  const username = process.env[`${prefix}_USERNAME`] ?? role;
  return {
    username,
    password: process.env[`${prefix}_PASSWORD`] ?? `${role}-password`,
    user: { id: `user-${role}`, username, displayName, role },
  };
}

export const accounts: Record<Role, Account> = {
  admin: account('admin', 'Ada Admin'),
  manager: account('manager', 'Mia Manager'),
  viewer: account('viewer', 'Vic Viewer'),
};

type Indicator = { status: 'up' | 'down'; message?: string };

export interface MockApiOptions {
  /** Readiness indicators returned by /health/ready. */
  readiness?: Record<string, Indicator>;
  /** Answer 429 to login attempts after this many. */
  loginRateLimit?: number;
}

/** One request the mocked API answered (for asserting what the page sent). */
export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface MockApiHandle {
  /** Every /api request in order; stays empty against a real server. */
  requests: SeenRequest[];
}

export const CORP = { corpId: 'wwe2e0000corp01', name: '栖木生活' };

type EventStatus = 'pending' | 'processing' | 'done' | 'skipped' | 'failed';

function callbackEvent(id: string, status: EventStatus, changeType: string) {
  return {
    id,
    corpId: CORP.corpId,
    event: 'change_external_contact',
    changeType,
    createTime: '2026-11-20T08:00:00.000Z',
    status,
    attempts: status === 'failed' ? 3 : 1,
    lastError: status === 'failed' ? 'WeCom API 60011: no privilege' : null,
    nextAttemptAt: null,
    payload: { ToUserName: CORP.corpId, ChangeType: changeType, ExternalUserID: `wm_${id}` },
    receivedAt: '2026-11-20T08:00:01.000Z',
    processedAt: status === 'done' ? '2026-11-20T08:00:02.000Z' : null,
  };
}

export const fixtures = {
  callbackEvents: [
    callbackEvent('1002', 'failed', 'add_external_contact'),
    callbackEvent('1001', 'done', 'edit_external_contact'),
  ],
  callbackCounts: { done: 41, failed: 1 } as Partial<Record<EventStatus, number>>,
  customer: {
    id: '501',
    externalUserId: 'wm_e2e_lilei',
    name: '李雷',
    avatar: '',
    type: 1,
    gender: 1,
    corpName: null,
    firstAddedAt: '2026-11-01T02:00:00.000Z',
    follows: [
      {
        userId: 'zhangwei',
        staffName: '张伟',
        remark: '静安老客户',
        status: 'active',
        state: 'ch_jingan',
        addedAt: '2026-11-01T02:00:00.000Z',
      },
    ],
  },
  timeline: [
    {
      id: '9001',
      kind: 'tag_added',
      userId: 'zhangwei',
      detail: { tagIds: ['7'] },
      tags: [{ tagId: '7', name: 'VIP' }],
      occurredAt: '2026-11-02T03:00:00.000Z',
    },
    {
      id: '9000',
      kind: 'added',
      userId: 'zhangwei',
      detail: { state: 'ch_jingan' },
      occurredAt: '2026-11-01T02:00:00.000Z',
    },
  ],
  channels: [
    {
      id: '3',
      corpId: 'wwe2e0000corp01',
      name: '静安店柜台',
      folder: '门店',
      type: 'multi',
      strategy: 'round_robin',
      skipVerify: true,
      staff: [{ userId: 'zhangwei' }],
      departmentIds: [],
      timezone: 'Asia/Shanghai',
      tagIds: [],
      welcome: null,
      remarkTemplate: null,
      expiresAt: null,
      state: 'ch_jingan',
      configId: 'cfg3',
      qrCode: null,
      status: 'active',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    },
  ],
  staff: [
    {
      corpId: 'wwe2e0000corp01',
      userId: 'zhangwei',
      name: '张伟',
      departmentIds: [1],
      mainDepartment: 1,
      position: '店长',
      avatar: '',
      wecomStatus: 1,
      customerContact: true,
      departedAt: null,
      updatedAt: '2026-11-01T00:00:00.000Z',
    },
  ],
};

const ROLE_RANK: Record<Role, number> = { viewer: 0, manager: 1, admin: 2 };

let requestSeq = 0;

function json(route: Route, status: number, body: unknown) {
  return route.fulfill({
    status,
    contentType: 'application/json',
    body: JSON.stringify(body),
  });
}

function error(
  route: Route,
  status: number,
  code: string,
  message: string,
  errors?: Record<string, string[]>,
) {
  return json(route, status, { code, message, errors, requestId: `e2e-${++requestSeq}` });
}

/** Plays the server for one page; does nothing against a real server. */
export async function mockApi(page: Page, options: MockApiOptions = {}): Promise<MockApiHandle> {
  const handle: MockApiHandle = { requests: [] };
  if (usesRealApi) return handle;

  const readiness = options.readiness ?? {
    database: { status: 'up' },
    redis: { status: 'up' },
  };
  const tokens = new Map<string, User>();
  let loginAttempts = 0;

  await page.route(
    (url) => url.pathname.startsWith('/api/'),
    async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const path = url.pathname;
      const method = request.method();
      let body: unknown = null;
      try {
        body = request.postDataJSON();
      } catch {
        body = request.postData();
      }
      handle.requests.push({ method, path, query: Object.fromEntries(url.searchParams), body });

      if (method === 'POST' && path === '/api/auth/login') {
        loginAttempts += 1;
        if (options.loginRateLimit !== undefined && loginAttempts > options.loginRateLimit) {
          return error(route, 429, 'TOO_MANY_REQUESTS', 'Too many sign-in attempts. Try later.');
        }
        const body = (request.postDataJSON() ?? {}) as { username?: unknown; password?: unknown };
        const fieldErrors: Record<string, string[]> = {};
        if (typeof body.username !== 'string' || !body.username) {
          fieldErrors.username = ['username should not be empty'];
        }
        if (typeof body.password !== 'string' || !body.password) {
          fieldErrors.password = ['password should not be empty'];
        }
        if (Object.keys(fieldErrors).length > 0) {
          return error(route, 400, 'VALIDATION_FAILED', 'Invalid input', fieldErrors);
        }
        const match = Object.values(accounts).find(
          (a) => a.username === body.username && a.password === body.password,
        );
        if (!match) {
          return error(route, 401, 'AUTH_INVALID_CREDENTIALS', 'Invalid username or password');
        }
        const accessToken = `e2e-token-${match.user.role}-${tokens.size + 1}`;
        tokens.set(accessToken, match.user);
        return json(route, 200, { accessToken, expiresIn: 3600, user: match.user });
      }

      if (method === 'GET' && path === '/api/auth/me') {
        const token = request.headers()['authorization']?.replace(/^Bearer /, '');
        const user = token ? tokens.get(token) : undefined;
        if (!user) return error(route, 401, 'AUTH_UNAUTHORIZED', 'Sign in first');
        return json(route, 200, user);
      }

      if (path.startsWith('/api/admin/')) {
        const token = request.headers()['authorization']?.replace(/^Bearer /, '');
        const user = token ? tokens.get(token) : undefined;
        if (!user) return error(route, 401, 'AUTH_UNAUTHORIZED', 'Sign in first');
        const atLeast = (role: Role) => ROLE_RANK[user.role] >= ROLE_RANK[role];
        const forbidden = () => error(route, 403, 'FORBIDDEN', 'Not allowed for your role');

        if (method === 'GET' && path === '/api/admin/corps') return json(route, 200, [CORP]);

        if (path.startsWith('/api/admin/callback-events')) {
          if (!atLeast('admin')) return forbidden();
          if (method === 'GET' && path === '/api/admin/callback-events') {
            return json(route, 200, fixtures.callbackEvents);
          }
          if (method === 'GET' && path === '/api/admin/callback-events/counts') {
            return json(route, 200, fixtures.callbackCounts);
          }
          if (method === 'POST' && /^\/api\/admin\/callback-events\/\d+\/replay$/.test(path)) {
            return json(route, 201, { replayed: 1 });
          }
          if (method === 'POST' && path === '/api/admin/callback-events/replay') {
            return json(route, 201, { replayed: fixtures.callbackCounts.failed ?? 0 });
          }
        }

        if (
          (method === 'GET' && path === '/api/admin/customers') ||
          (method === 'POST' && path === '/api/admin/customers/query')
        ) {
          return json(route, 200, { items: [fixtures.customer], nextCursor: null });
        }
        // the customers page's audience filter: its live count and the saved segments
        if (method === 'POST' && /^\/api\/admin\/corps\/[^/]+\/audience\/count$/.test(path)) {
          return json(route, 200, { count: 1, countedAt: '2026-12-01T06:00:00.000Z' });
        }
        if (method === 'GET' && /^\/api\/admin\/corps\/[^/]+\/segments$/.test(path)) {
          return json(route, 200, []);
        }
        const detail = path.match(/^\/api\/admin\/customers\/([^/]+)\/([^/]+)$/);
        if (method === 'GET' && detail) {
          if (decodeURIComponent(detail[2]!) !== fixtures.customer.externalUserId) {
            return error(route, 404, 'NOT_FOUND', 'No such customer');
          }
          const { follows, ...customer } = fixtures.customer;
          return json(route, 200, {
            customer: { ...customer, unionId: null, corpFullName: null, position: null },
            follows: follows.map((f) => ({
              ...f,
              tags: [{ tagId: '7', tagName: 'VIP', groupId: '1', groupName: '等级' }],
            })),
            groups: [],
            timeline: fixtures.timeline,
          });
        }

        if (method === 'GET' && path === '/api/admin/channels') {
          if (!atLeast('manager')) return forbidden();
          return json(route, 200, fixtures.channels);
        }
        if (method === 'GET' && path === '/api/admin/channels/stats') {
          if (!atLeast('manager')) return forbidden();
          return json(route, 200, { rows: [], totals: {} });
        }
        if (method === 'GET' && path === '/api/admin/staff')
          return json(route, 200, fixtures.staff);
        if (method === 'GET' && path === '/api/admin/departments') {
          return json(route, 200, [{ id: 1, name: '栖木生活', parentId: 0, sortOrder: 1 }]);
        }
        if (method === 'GET' && path === '/api/admin/groups') return json(route, 200, []);
        if (method === 'GET' && path === '/api/admin/tags') return json(route, 200, []);
      }

      return error(route, 404, 'NOT_FOUND', `No mock for ${method} ${path}`);
    },
  );

  await page.route(
    (url) => url.pathname.startsWith('/health/'),
    async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path !== '/health/ready') return error(route, 404, 'NOT_FOUND', 'Not found');
      const down = Object.entries(readiness).filter(([, indicator]) => indicator.status === 'down');
      const up = Object.entries(readiness).filter(([, indicator]) => indicator.status === 'up');
      return json(route, down.length ? 503 : 200, {
        status: down.length ? 'error' : 'ok',
        info: Object.fromEntries(up),
        error: Object.fromEntries(down),
        details: readiness,
      });
    },
  );

  return handle;
}
