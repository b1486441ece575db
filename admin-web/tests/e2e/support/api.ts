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
export async function mockApi(page: Page, options: MockApiOptions = {}): Promise<void> {
  if (usesRealApi) return;

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
      const path = new URL(request.url()).pathname;
      const method = request.method();

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
}
