import type { Pinia } from 'pinia';
import {
  createSessionApi,
  meApi,
  oauthUrlApi,
  renewSessionApi,
  signatureApi,
  type SidebarApi,
} from '#/api/sidebar';
import { ApiError } from '#/api/request';
import { readCookie, useSessionStore, writeCookie } from '#/stores/session';
import { readWecomConfig, type WecomConfig } from './config';
import { installWecomMock, mockOAuthUrl, mockSignInAs } from './mock';
import { currentChat, registerSdk, WecomSdkError, type ChatContext } from './sdk';

/** Query parameters WeCom's OAuth adds on the way back; removed once used. */
const OAUTH_PARAMS = ['code', 'state', 'appid'] as const;
const STATE_KEY = 'scrm_sidebar_oauth_state';

export type BootFailure =
  | 'state_mismatch'
  | 'code_invalid'
  | 'not_member'
  | 'no_permission'
  | 'signature'
  | 'context'
  | 'server';

export type BootstrapResult =
  | { kind: 'ready'; me: SidebarApi.Me; chat: ChatContext }
  | { kind: 'redirect'; url: string }
  | { kind: 'error'; reason: BootFailure; message: string };

export interface BootstrapOptions {
  config?: WecomConfig;
  pinia?: Pinia;
  /** The page's URL (window.location.href). */
  href?: string;
  /** Rewrites the address bar without the used code (window.history.replaceState). */
  replaceUrl?: (url: string) => void;
}

/** The page's URL without the OAuth parameters and hash: where WeCom sends the code back. */
export function stripOAuthParams(href: string): string {
  const url = new URL(href);
  for (const name of OAUTH_PARAMS) url.searchParams.delete(name);
  url.hash = '';
  return url.toString();
}

/** A random OAuth state (a-zA-Z0-9, 32 characters), kept until WeCom sends the guide back. */
function newState(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .replace(/[^a-zA-Z0-9]/g, '')
    .slice(0, 32);
}

function storeState(state: string): void {
  try {
    sessionStorage.setItem(STATE_KEY, state);
  } catch {
    /* the cookie holds it */
  }
  writeCookie(STATE_KEY, state, 600);
}

/** The stored state, used once. */
function takeState(): string | null {
  let state: string | null = null;
  try {
    state = sessionStorage.getItem(STATE_KEY);
    sessionStorage.removeItem(STATE_KEY);
  } catch {
    state = null;
  }
  state ??= readCookie(STATE_KEY);
  writeCookie(STATE_KEY, null, 0);
  return state;
}

const fail = (reason: BootFailure, message: string): BootstrapResult => ({
  kind: 'error',
  reason,
  message,
});

function failureOf(error: unknown): BootstrapResult {
  if (error instanceof ApiError) {
    if (error.code === 'SIDEBAR_NO_CUSTOMER_CONTACT') return fail('no_permission', error.message);
    if (error.code === 'SIDEBAR_NOT_A_MEMBER') return fail('not_member', error.message);
    if (error.status === 401) return fail('code_invalid', error.message);
    return fail('server', error.message);
  }
  return fail('server', error instanceof Error ? error.message : String(error));
}

let renewTimer: ReturnType<typeof setTimeout> | undefined;

/** Renews the token at half its life, while the page is open (the server caps it at 12 h). */
export function scheduleRenewal(
  session: ReturnType<typeof useSessionStore>,
  expiresIn: number = 1800,
): void {
  clearTimeout(renewTimer);
  renewTimer = setTimeout(
    async () => {
      try {
        const renewed = await renewSessionApi();
        session.setSession(renewed);
        scheduleRenewal(session, renewed.expiresIn);
      } catch {
        /* the next request's 401 starts over through OAuth */
      }
    },
    Math.max(30, expiresIn / 2) * 1000,
  );
}

/**
 * The sidebar's boot, before the app mounts (main.ts), in this order:
 * 1. session: back from OAuth (`?code=&state=`), the state must be the one stored before the
 *    redirect, and the code is exchanged by the server; otherwise a stored session is checked
 *    with `/me`; none or an invalid one → WeCom OAuth (snsapi_base) with a new random state;
 * 2. JS-SDK: `ww.register` with both server-signed signatures (corp and app tickets);
 * 3. `ww.getContext` → `getCurExternalContact` (a customer) or `getCurExternalChat` (a group).
 * With `?ww_mock=1` the JS bridge is mocked first (demo and tests).
 */
export async function bootstrap(options: BootstrapOptions = {}): Promise<BootstrapResult> {
  const href = options.href ?? window.location.href;
  const config = options.config ?? readWecomConfig(href);
  const replaceUrl =
    options.replaceUrl ?? ((url: string) => window.history.replaceState(null, '', url));
  const session = useSessionStore(options.pinia);
  if (config.mock) installWecomMock(href);

  const params = new URL(href).searchParams;
  const code = params.get('code');
  let me: SidebarApi.Me | null = null;

  if (code) {
    // The code is single-use: never leave it in the address bar for a reload to resend.
    const clean = new URL(stripOAuthParams(href));
    clean.hash = new URL(href).hash;
    replaceUrl(clean.toString());
    const expected = takeState();
    if (!expected || expected !== params.get('state')) {
      return fail(
        'state_mismatch',
        'The sign-in did not come from this page (state mismatch): open the sidebar again',
      );
    }
    try {
      const created = await createSessionApi(code, config.corpId);
      session.setSession(created);
      scheduleRenewal(session, created.expiresIn);
    } catch (error) {
      session.clearSession();
      return failureOf(error);
    }
  } else if (session.isAuthenticated) {
    const as = config.mock ? mockSignInAs(href) : null;
    if (as && session.staff?.userId !== as) session.clearSession();
    else {
      try {
        me = await meApi();
        scheduleRenewal(session);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) return failureOf(error);
        session.clearSession();
      }
    }
  }

  if (!session.isAuthenticated) {
    const state = newState();
    storeState(state);
    try {
      const url = await oauthUrlApi(stripOAuthParams(href), state, config.corpId);
      const as = config.mock ? mockSignInAs(href) : null;
      return { kind: 'redirect', url: as ? mockOAuthUrl(url, as) : url };
    } catch (error) {
      return failureOf(error);
    }
  }

  try {
    me ??= await meApi();
  } catch (error) {
    return failureOf(error);
  }

  try {
    await registerSdk({
      corpId: me.staff.corpId,
      agentId: me.agentId,
      getConfigSignature: (url) => signatureApi('config', url),
      getAgentConfigSignature: (url) => signatureApi('agent-config', url),
    });
    return { kind: 'ready', me, chat: await currentChat() };
  } catch (error) {
    if (error instanceof WecomSdkError) {
      return fail(error.step === 'register' ? 'signature' : 'context', error.message);
    }
    return failureOf(error);
  }
}
