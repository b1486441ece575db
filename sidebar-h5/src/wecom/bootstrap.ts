import type { Pinia } from 'pinia';
import { createSessionApi, type SidebarApi } from '#/api/sidebar';
import { ApiError } from '#/api/request';
import { useSessionStore } from '#/stores/session';
import { readWecomConfig, type WecomConfig } from './config';
import { createWecomMock, isWecomMockEnabled } from './mock';

/** Query parameters WeCom's OAuth adds on the way back; removed once used. */
const OAUTH_PARAMS = ['code', 'state', 'appid'] as const;
export const OAUTH_STATE = 'scrm-sidebar';

export type BootstrapResult =
  | { kind: 'ready'; staff: SidebarApi.Staff }
  | { kind: 'redirect'; url: string }
  | { kind: 'error'; message: string };

export interface BootstrapOptions {
  config?: WecomConfig;
  pinia?: Pinia;
  /** The page's URL (window.location.href). */
  href?: string;
  /** Rewrites the address bar without the used code (window.history.replaceState). */
  replaceUrl?: (url: string) => void;
}

/**
 * WeCom's web OAuth URL (snsapi_base: silent, gives the guide's userid). The parameters stay in
 * the documented order, and `#wechat_redirect` must end it.
 * https://developer.work.weixin.qq.com/document/path/91022
 */
export function buildOAuthUrl(params: {
  baseUrl: string;
  corpId: string;
  agentId: string;
  redirectUri: string;
  state?: string;
}): string {
  const base = params.baseUrl.replace(/\/+$/, '');
  const query = [
    `appid=${encodeURIComponent(params.corpId)}`,
    `redirect_uri=${encodeURIComponent(params.redirectUri)}`,
    'response_type=code',
    'scope=snsapi_base',
    `state=${encodeURIComponent(params.state ?? OAUTH_STATE)}`,
    `agentid=${encodeURIComponent(params.agentId)}`,
  ].join('&');
  return `${base}/connect/oauth2/authorize?${query}#wechat_redirect`;
}

/** The page's URL without the OAuth parameters and hash: where WeCom sends the code back. */
export function stripOAuthParams(href: string): string {
  const url = new URL(href);
  for (const name of OAUTH_PARAMS) url.searchParams.delete(name);
  url.hash = '';
  return url.toString();
}

async function exchange(
  code: string,
  session: ReturnType<typeof useSessionStore>,
): Promise<BootstrapResult> {
  try {
    const result = await createSessionApi(code);
    session.setSession(result);
    return { kind: 'ready', staff: result.staff };
  } catch (error) {
    session.clearSession();
    const message = error instanceof ApiError ? error.message : String(error);
    return { kind: 'error', message };
  }
}

/**
 * Who is the guide? Runs before the app mounts (main.ts):
 * 1. `?code=` in the URL (back from OAuth): exchange it at POST /api/sidebar/session;
 * 2. a stored session: use it (a 401 later clears it and starts over);
 * 3. mock mode (plain browser): exchange the mock code;
 * 4. otherwise: leave for WeCom's OAuth authorize URL, which comes back with a code.
 * The JS-SDK (`ww.register` with server-signed config and agentConfig) joins here later.
 */
export async function bootstrap(options: BootstrapOptions = {}): Promise<BootstrapResult> {
  const config = options.config ?? readWecomConfig();
  const href = options.href ?? window.location.href;
  const replaceUrl =
    options.replaceUrl ?? ((url: string) => window.history.replaceState(null, '', url));
  const session = useSessionStore(options.pinia);

  const code = new URL(href).searchParams.get('code');
  if (code) {
    // The code is single-use: never leave it in the address bar for a reload to resend.
    const clean = new URL(stripOAuthParams(href));
    clean.hash = new URL(href).hash;
    replaceUrl(clean.toString());
    return exchange(code, session);
  }

  if (session.isAuthenticated && session.staff) {
    return { kind: 'ready', staff: session.staff };
  }

  if (isWecomMockEnabled(config)) {
    return exchange(createWecomMock(config).oauthCode(), session);
  }

  const missing = [
    !config.corpId && 'VITE_WECOM_CORP_ID',
    !config.agentId && 'VITE_WECOM_AGENT_ID',
  ].filter(Boolean);
  if (missing.length > 0) {
    return {
      kind: 'error',
      message: `The sidebar is not configured: set ${missing.join(' and ')} when building it.`,
    };
  }

  return {
    kind: 'redirect',
    url: buildOAuthUrl({
      baseUrl: config.oauthBaseUrl,
      corpId: config.corpId,
      agentId: config.agentId,
      redirectUri: stripOAuthParams(href),
    }),
  };
}
