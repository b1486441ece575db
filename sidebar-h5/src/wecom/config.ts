/** What the sidebar needs to know about the WeCom app it runs in (baked in at build time). */
export interface WecomConfig {
  corpId: string;
  agentId: string;
  oauthBaseUrl: string;
  /** Plain-browser development: WeCom is mocked (see mock.ts). */
  mock: boolean;
  mockCode: string;
}

export const DEFAULT_OAUTH_BASE_URL = 'https://open.weixin.qq.com';
export const DEFAULT_MOCK_CODE = 'mock-oauth-code';

export function readWecomConfig(env: ImportMetaEnv = import.meta.env): WecomConfig {
  return {
    corpId: env.VITE_WECOM_CORP_ID?.trim() ?? '',
    agentId: env.VITE_WECOM_AGENT_ID?.trim() ?? '',
    oauthBaseUrl: env.VITE_WECOM_OAUTH_BASE_URL?.trim() || DEFAULT_OAUTH_BASE_URL,
    mock: env.VITE_WECOM_MOCK === '1' || env.VITE_WECOM_MOCK === 'true',
    mockCode: env.VITE_WECOM_MOCK_CODE?.trim() || DEFAULT_MOCK_CODE,
  };
}
