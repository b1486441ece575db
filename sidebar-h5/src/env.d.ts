/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** WeCom corp id (OAuth `appid`). */
  readonly VITE_WECOM_CORP_ID?: string;
  /** The self-built app's agent id (OAuth `agentid`). */
  readonly VITE_WECOM_AGENT_ID?: string;
  /** OAuth host, https://open.weixin.qq.com by default (the sandbox in offline dev). */
  readonly VITE_WECOM_OAUTH_BASE_URL?: string;
  /** `1`: running in a plain browser, WeCom is mocked (src/wecom/mock.ts). */
  readonly VITE_WECOM_MOCK?: string;
  /** The OAuth code the mock exchanges for a session. */
  readonly VITE_WECOM_MOCK_CODE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
