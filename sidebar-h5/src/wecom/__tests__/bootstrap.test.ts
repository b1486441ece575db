import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '#/api/request';
import { SESSION_KEY, useSessionStore } from '#/stores/session';
import { buildOAuthUrl, bootstrap, stripOAuthParams } from '#/wecom/bootstrap';
import { readWecomConfig, type WecomConfig } from '#/wecom/config';

const api = vi.hoisted(() => ({ createSessionApi: vi.fn() }));
vi.mock('#/api/sidebar', () => api);

const config: WecomConfig = {
  corpId: 'ww1234567890abcdef',
  agentId: '1000002',
  oauthBaseUrl: 'https://open.weixin.qq.com',
  mock: false,
  mockCode: 'mock-oauth-code',
};

const session = { token: 'sess-token', staff: { userId: 'zhangsan', name: '张三' } };

describe('buildOAuthUrl', () => {
  it('builds the snsapi_base authorize URL with the parameters in order', () => {
    const url = buildOAuthUrl({
      baseUrl: 'https://open.weixin.qq.com/',
      corpId: 'wwcorp',
      agentId: '1000002',
      redirectUri: 'https://h5.example.com/customer?from=sidebar',
    });
    expect(url).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize' +
        '?appid=wwcorp' +
        '&redirect_uri=https%3A%2F%2Fh5.example.com%2Fcustomer%3Ffrom%3Dsidebar' +
        '&response_type=code&scope=snsapi_base&state=scrm-sidebar&agentid=1000002' +
        '#wechat_redirect',
    );
  });
});

describe('stripOAuthParams', () => {
  it('drops code, state, appid and the hash, keeps the rest', () => {
    expect(stripOAuthParams('https://h5.example.com/customer?a=1&code=C&state=S#x')).toBe(
      'https://h5.example.com/customer?a=1',
    );
  });
});

describe('readWecomConfig', () => {
  it('defaults the OAuth host and keeps mock off', () => {
    const read = readWecomConfig({
      VITE_WECOM_CORP_ID: ' ww1 ',
      VITE_WECOM_AGENT_ID: '7',
    } as ImportMetaEnv);
    expect(read).toMatchObject({
      corpId: 'ww1',
      agentId: '7',
      oauthBaseUrl: 'https://open.weixin.qq.com',
      mock: false,
    });
    expect(readWecomConfig({ VITE_WECOM_MOCK: '1' } as ImportMetaEnv).mock).toBe(true);
  });
});

describe('bootstrap', () => {
  let pinia: Pinia;

  beforeEach(() => {
    localStorage.clear();
    pinia = createPinia();
    setActivePinia(pinia);
    api.createSessionApi.mockReset();
  });

  it('no code and no session → redirect to the OAuth authorize URL', async () => {
    const replaceUrl = vi.fn();
    const result = await bootstrap({
      config,
      pinia,
      href: 'https://h5.example.com/customer?entry=single_chat_tools#top',
      replaceUrl,
    });

    expect(result.kind).toBe('redirect');
    if (result.kind !== 'redirect') return;
    const url = new URL(result.url);
    expect(url.origin + url.pathname).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
    expect(url.searchParams.get('appid')).toBe('ww1234567890abcdef');
    expect(url.searchParams.get('redirect_uri')).toBe(
      'https://h5.example.com/customer?entry=single_chat_tools',
    );
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('snsapi_base');
    expect(url.searchParams.get('agentid')).toBe('1000002');
    expect(url.hash).toBe('#wechat_redirect');
    expect(result.url.endsWith('#wechat_redirect')).toBe(true);
    expect(api.createSessionApi).not.toHaveBeenCalled();
    expect(replaceUrl).not.toHaveBeenCalled();
  });

  it('uses the configured OAuth host (e.g. the sandbox)', async () => {
    const result = await bootstrap({
      config: { ...config, oauthBaseUrl: 'http://127.0.0.1:4000/' },
      pinia,
      href: 'http://localhost:5174/customer',
    });
    expect(result.kind === 'redirect' && result.url).toMatch(
      /^http:\/\/127\.0\.0\.1:4000\/connect\/oauth2\/authorize\?appid=/,
    );
  });

  it('with ?code= → POST the code for a session, store it, drop the code from the URL', async () => {
    api.createSessionApi.mockResolvedValue(session);
    const replaceUrl = vi.fn();

    const result = await bootstrap({
      config,
      pinia,
      href: 'https://h5.example.com/customer?code=CODE123&state=scrm-sidebar',
      replaceUrl,
    });

    expect(api.createSessionApi).toHaveBeenCalledWith('CODE123');
    expect(result).toEqual({ kind: 'ready', staff: session.staff });
    const store = useSessionStore(pinia);
    expect(store.token).toBe('sess-token');
    expect(store.staff).toEqual(session.staff);
    expect(JSON.parse(localStorage.getItem(SESSION_KEY) ?? '{}')).toEqual(session);
    expect(replaceUrl).toHaveBeenCalledWith('https://h5.example.com/customer');
  });

  it('a code the server refuses → an error with its message, no session', async () => {
    api.createSessionApi.mockRejectedValue(
      new ApiError(401, 'SIDEBAR_OAUTH_CODE_INVALID', 'The sign-in code has expired'),
    );
    const result = await bootstrap({
      config,
      pinia,
      href: 'https://h5.example.com/customer?code=USED',
      replaceUrl: vi.fn(),
    });
    expect(result).toEqual({ kind: 'error', message: 'The sign-in code has expired' });
    expect(useSessionStore(pinia).token).toBeNull();
  });

  it('a stored session is used without a redirect or a server call', async () => {
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    const result = await bootstrap({ config, pinia, href: 'https://h5.example.com/customer' });
    expect(result).toEqual({ kind: 'ready', staff: session.staff });
    expect(api.createSessionApi).not.toHaveBeenCalled();
  });

  it('mock mode exchanges the mock code instead of leaving for WeCom', async () => {
    api.createSessionApi.mockResolvedValue(session);
    const result = await bootstrap({
      config: { ...config, corpId: '', agentId: '', mock: true, mockCode: 'dev-code' },
      pinia,
      href: 'http://localhost:5174/customer',
    });
    expect(api.createSessionApi).toHaveBeenCalledWith('dev-code');
    expect(result.kind).toBe('ready');
  });

  it('without corp id and agent id it says what to configure', async () => {
    const result = await bootstrap({
      config: { ...config, corpId: '', agentId: '' },
      pinia,
      href: 'http://localhost:5174/customer',
    });
    expect(result.kind).toBe('error');
    expect(result.kind === 'error' && result.message).toContain(
      'VITE_WECOM_CORP_ID and VITE_WECOM_AGENT_ID',
    );
  });
});
