/**
 * A stand-in for WeCom's `window.WeixinJSBridge` in a plain browser (the demo and the tests).
 * Outside WeCom, `@wecom/jssdk` calls wait for the bridge forever; installed before the SDK
 * loads, this one answers `preVerifyJSAPI`, `agentConfig`, `getContext`, `getCurExternalContact`,
 * `getCurExternalChat` and `sendChatMessage` from the page URL:
 *
 * - `ww_mock=1`: install it;
 * - `ww_entry=single_chat_tools|group_chat_tools|contact_profile|normal` (getContext's entry);
 * - `ww_contact=<external_userid>` (getCurExternalContact), `ww_chat=<chatId>` (getCurExternalChat);
 * - `ww_fail=<api>`: that call fails as WeCom's does (`<api>:fail ...`);
 * - `ww_as=<userid>`: the demo's OAuth signs in as that member (the sandbox's picker skipped).
 *
 * Every call is recorded in `window.__wwMock.calls` for the tests.
 */
export interface MockCall {
  name: string;
  params: Record<string, unknown>;
}

export interface WwMockState {
  calls: MockCall[];
}

declare global {
  interface Window {
    WeixinJSBridge?: {
      invoke(name: string, params: Record<string, unknown>, cb: (res: object) => void): void;
      on(name: string, cb: (res: object) => void): void;
    };
    __wwMock?: WwMockState;
  }
}

export function installWecomMock(href: string = window.location.href): WwMockState {
  const params = new URL(href).searchParams;
  const entry = params.get('ww_entry') ?? 'normal';
  const contact = params.get('ww_contact');
  const chat = params.get('ww_chat');
  const failing = new Set((params.get('ww_fail') ?? '').split(',').filter(Boolean));
  const state: WwMockState = window.__wwMock ?? { calls: [] };

  const answer = (name: string): object => {
    if (failing.has(name)) return { errMsg: `${name}:fail mocked failure` };
    switch (name) {
      case 'getContext':
        return { errMsg: 'getContext:ok', entry };
      case 'getCurExternalContact':
        return contact
          ? { errMsg: 'getCurExternalContact:ok', userId: contact }
          : { errMsg: 'getCurExternalContact:fail without context of external contact' };
      case 'getCurExternalChat':
        return chat
          ? { errMsg: 'getCurExternalChat:ok', chatId: chat }
          : { errMsg: 'getCurExternalChat:fail without context of external chat' };
      default:
        return { errMsg: `${name}:ok` };
    }
  };

  window.__wwMock = state;
  window.WeixinJSBridge = {
    invoke(name, callParams, cb) {
      state.calls.push({ name, params: callParams });
      setTimeout(() => cb(answer(name)), 0);
    },
    on() {},
  };
  document.dispatchEvent(new Event('WeixinJSBridgeReady'));
  return state;
}

/** The member the demo signs in as (`ww_as`), if any. */
export function mockSignInAs(href: string = window.location.href): string | null {
  return new URL(href).searchParams.get('ww_as');
}

/**
 * The demo's OAuth: the sandbox's authorize page lists members to pick; with `ww_as` the pick is
 * made for the guide (the sandbox's `sandbox-login`, the same redirect with a real code).
 */
export function mockOAuthUrl(authorizeUrl: string, userId: string): string {
  const url = new URL(authorizeUrl);
  url.pathname = url.pathname.replace(/\/authorize$/, '/sandbox-login');
  url.searchParams.set('userid', userId);
  url.hash = '';
  return url.toString();
}
