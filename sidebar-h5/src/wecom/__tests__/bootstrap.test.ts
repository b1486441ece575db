import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError as ApiErrorClass } from '#/api/request';
import type { MockCall } from '#/wecom/mock';

/**
 * The boot sequence with the real `@wecom/jssdk` over the mocked bridge (mock.ts) and the
 * sidebar API mocked: the order of the steps, OAuth when there is no session or an invalid one,
 * a state mismatch refused, a signature failure shown, single vs group chat.
 */
const order: string[] = [];
const me = {
  staff: { userId: 'lina', name: '李娜', corpId: 'ww5f3a9c1e7b2d4068' },
  corpName: '栖木生活',
  agentId: 1000002,
  timeZone: 'Asia/Shanghai',
};
const signature = { timestamp: 1414587457, nonceStr: 'Wm3WZYTPz0wzccnW', signature: 'abc' };
const api = vi.hoisted(() => ({
  createSessionApi: vi.fn(),
  renewSessionApi: vi.fn(),
  meApi: vi.fn(),
  oauthUrlApi: vi.fn(),
  signatureApi: vi.fn(),
}));
vi.mock('#/api/sidebar', () => api);

const PAGE = 'https://scrm.example.com/sidebar/';
const SESSION = { token: 'tok', staff: { userId: 'lina', name: '李娜' } };

/** The error class of the modules the current boot loaded (each boot loads them afresh). */
let ApiError: typeof ApiErrorClass;
const rejectOnce = (fn: (typeof api)[keyof typeof api], make: () => Error) =>
  fn.mockImplementationOnce(async () => {
    throw make();
  });

// desktop WeCom 4.1 (the SDK reads the user agent when it loads)
Object.defineProperty(navigator, 'userAgent', {
  value: 'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 wxwork/4.1.36 MicroMessenger/7.0.1',
  configurable: true,
});

async function boot(query: string, opts: { stored?: boolean } = {}) {
  // a fresh SDK per boot: it keeps a successful agentConfig for the page's life
  vi.resetModules();
  const { createPinia } = await import('pinia');
  ({ ApiError } = await import('#/api/request'));
  const { bootstrap } = await import('#/wecom/bootstrap');
  // the bridge's calls land in `order` as they happen
  const calls: MockCall[] = [];
  calls.push = (...items: MockCall[]) => {
    for (const item of items) order.push(`bridge:${item.name}`);
    return Array.prototype.push.apply(calls, items);
  };
  window.__wwMock = { calls };
  if (opts.stored) {
    localStorage.setItem('scrm.sidebar.session', JSON.stringify(SESSION));
  }
  const replaced: string[] = [];
  const href = `${PAGE}?ww_mock=1&${query}`;
  const result = await bootstrap({
    pinia: createPinia(),
    href,
    replaceUrl: (url) => replaced.push(url),
  });
  return { result, replaced };
}

beforeEach(() => {
  order.length = 0;
  localStorage.clear();
  sessionStorage.clear();
  document.cookie.split('; ').forEach((c) => {
    document.cookie = `${c.split('=')[0]}=; Max-Age=0; Path=/`;
  });
  window.WeixinJSBridge = undefined;
  for (const fn of Object.values(api)) fn.mockReset();
  api.meApi.mockImplementation(async () => (order.push('api:me'), me));
  api.signatureApi.mockImplementation(async (kind: string) => {
    order.push(`api:${kind}-signature`);
    return signature;
  });
  api.oauthUrlApi.mockImplementation(async (_redirect: string, state: string) => {
    order.push('api:oauth-url');
    return `https://sandbox.example.com/connect/oauth2/authorize?appid=ww1&state=${state}#wechat_redirect`;
  });
  api.createSessionApi.mockImplementation(async () => {
    order.push('api:session');
    return { ...SESSION, expiresIn: 1800 };
  });
});

describe('sidebar boot', () => {
  it('checks the stored session, registers the SDK, reads the context, then the customer', async () => {
    const { result } = await boot('ww_entry=single_chat_tools&ww_contact=wmCustomer01', {
      stored: true,
    });
    expect(result).toEqual({
      kind: 'ready',
      me,
      chat: { kind: 'customer', externalUserId: 'wmCustomer01', entry: 'single_chat_tools' },
    });
    // the API calls run before the bridge's; the bridge's in the SDK's order
    expect(order).toEqual([
      'api:me',
      'api:agent-config-signature',
      'bridge:agentConfig',
      'bridge:getContext',
      'bridge:getCurExternalContact',
    ]);
    const agentConfig = window.__wwMock!.calls[0].params;
    expect(agentConfig).toMatchObject({
      corpid: me.staff.corpId,
      agentid: '1000002',
      signature: 'abc',
      nonceStr: signature.nonceStr,
    });
    // signed for the page URL without its hash
    expect(api.signatureApi).toHaveBeenCalledWith('agent-config', expect.not.stringContaining('#'));
  });

  it('goes to WeCom OAuth with a random state when there is no session', async () => {
    const { result } = await boot('ww_entry=single_chat_tools');
    expect(result.kind).toBe('redirect');
    const [redirectUri, state] = api.oauthUrlApi.mock.calls[0];
    expect(redirectUri).toBe(`${PAGE}?ww_mock=1&ww_entry=single_chat_tools`);
    expect(state).toMatch(/^[a-zA-Z0-9]{16,128}$/);
    expect(sessionStorage.getItem('scrm_sidebar_oauth_state')).toBe(state);
    expect(order).toEqual(['api:oauth-url']);
  });

  it('drops an invalid stored session (401 on /me) and goes to OAuth', async () => {
    rejectOnce(api.meApi, () => new ApiError(401, 'AUTH_TOKEN_INVALID', 'Invalid session token'));
    const { result } = await boot('ww_entry=single_chat_tools', { stored: true });
    expect(result.kind).toBe('redirect');
    expect(localStorage.getItem('scrm.sidebar.session')).toBeNull();
    expect(order).toEqual(['api:oauth-url']);
  });

  it('exchanges the code when the state is the stored one, and removes the code from the URL', async () => {
    sessionStorage.setItem('scrm_sidebar_oauth_state', 'abcDEF0123456789');
    const { result, replaced } = await boot(
      'ww_entry=group_chat_tools&ww_chat=wrChat01&code=CODE1&state=abcDEF0123456789',
    );
    expect(api.createSessionApi).toHaveBeenCalledWith('CODE1', undefined);
    expect(replaced[0]).not.toContain('code=');
    expect(result).toMatchObject({ kind: 'ready', chat: { kind: 'group', chatId: 'wrChat01' } });
    expect(order).toEqual([
      'api:session',
      'api:me',
      'api:agent-config-signature',
      'bridge:agentConfig',
      'bridge:getContext',
      'bridge:getCurExternalChat',
    ]);
    // the state works once
    expect(sessionStorage.getItem('scrm_sidebar_oauth_state')).toBeNull();
  });

  it('refuses a code whose state is not the stored one, without exchanging it', async () => {
    sessionStorage.setItem('scrm_sidebar_oauth_state', 'abcDEF0123456789');
    const { result } = await boot('code=CODE1&state=forgedState0000');
    expect(result).toMatchObject({ kind: 'error', reason: 'state_mismatch' });
    expect(api.createSessionApi).not.toHaveBeenCalled();
    const none = await boot('code=CODE2&state=abcDEF0123456789');
    expect(none).toMatchObject({ result: { kind: 'error', reason: 'state_mismatch' } });
  });

  it('says so when the member has no customer-contact permission', async () => {
    sessionStorage.setItem('scrm_sidebar_oauth_state', 'abcDEF0123456789');
    rejectOnce(
      api.createSessionApi,
      () => new ApiError(403, 'SIDEBAR_NO_CUSTOMER_CONTACT', '没有客户联系权限'),
    );
    const { result } = await boot('code=CODE1&state=abcDEF0123456789');
    expect(result).toEqual({ kind: 'error', reason: 'no_permission', message: '没有客户联系权限' });
  });

  it('shows a signature failure, and a refused agentConfig', async () => {
    api.signatureApi.mockImplementation(async () => {
      throw new ApiError(502, 'WECOM_API_ERROR', 'ticket refused');
    });
    const signing = await boot('ww_entry=single_chat_tools&ww_contact=wm1', { stored: true });
    expect(signing.result).toMatchObject({ kind: 'error', reason: 'signature' });
    expect((signing.result as { message: string }).message).toContain('ticket refused');
    expect(order).not.toContain('bridge:getContext');

    api.signatureApi.mockResolvedValue(signature);
    const refused = await boot('ww_entry=single_chat_tools&ww_contact=wm1&ww_fail=agentConfig', {
      stored: true,
    });
    expect(refused.result).toMatchObject({ kind: 'error', reason: 'signature' });
    expect((refused.result as { message: string }).message).toContain('agentConfig:fail');
  });

  it('outside a chat, the page says where to open it', async () => {
    const { result } = await boot('ww_entry=normal', { stored: true });
    expect(result).toMatchObject({ kind: 'ready', chat: { kind: 'none', entry: 'normal' } });
  });
});
