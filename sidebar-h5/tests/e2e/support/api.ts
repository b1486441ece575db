import type { Page, Route } from 'playwright-core';

/**
 * The API the browser tests talk to. By default it is played here, following the server's
 * contract, by intercepting /api/** and /health/** with page.route. With SCRM_E2E_API_URL set,
 * nothing is intercepted: `vite preview` proxies to that real server.
 */
export const usesRealApi = Boolean(process.env.SCRM_E2E_API_URL);

export interface Staff {
  userId: string;
  name: string;
}

export const guide: Staff = { userId: 'zhangsan', name: '张三' };

/** A code the mock accepts once; against a real server it must come from its WeCom sandbox. */
export function validOAuthCode(): string {
  if (!usesRealApi) return 'e2e-oauth-code';
  const code = process.env.SCRM_E2E_OAUTH_CODE;
  if (!code) throw new Error('Set SCRM_E2E_OAUTH_CODE (minted by the sandbox) for a real server.');
  return code;
}

export interface MockApi {
  /** Codes sent to POST /api/sidebar/session, in order. */
  exchangedCodes: string[];
}

let requestSeq = 0;

function json(route: Route, status: number, body: unknown) {
  return route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
}

function error(route: Route, status: number, code: string, message: string) {
  return json(route, status, { code, message, requestId: `e2e-${++requestSeq}` });
}

/** Plays the server for one page; does nothing against a real server. */
export async function mockApi(page: Page): Promise<MockApi> {
  const state: MockApi = { exchangedCodes: [] };
  if (usesRealApi) return state;

  const used = new Set<string>();
  await page.route(
    (url) => url.pathname.startsWith('/api/'),
    async (route) => {
      const request = route.request();
      const path = new URL(request.url()).pathname;

      if (request.method() === 'POST' && path === '/api/sidebar/session') {
        const { code } = (request.postDataJSON() ?? {}) as { code?: unknown };
        if (typeof code !== 'string' || !code) {
          return json(route, 400, {
            code: 'VALIDATION_FAILED',
            message: 'Invalid input',
            errors: { code: ['code should not be empty'] },
            requestId: `e2e-${++requestSeq}`,
          });
        }
        state.exchangedCodes.push(code);
        if (code !== validOAuthCode() || used.has(code)) {
          return error(
            route,
            401,
            'SIDEBAR_OAUTH_CODE_INVALID',
            'The sign-in code is invalid or expired',
          );
        }
        used.add(code);
        return json(route, 200, { token: `e2e-sidebar-token-${used.size}`, staff: guide });
      }

      return error(route, 404, 'NOT_FOUND', `No mock for ${request.method()} ${path}`);
    },
  );
  return state;
}
