/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** `1`: WeCom's JS bridge is mocked in every page load (src/wecom/mock.ts), not only with ?ww_mock=1. */
  readonly VITE_WECOM_MOCK?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
