import type { WecomConfig } from './config';

/**
 * Plain-browser development (VITE_WECOM_MOCK=1). Outside WeCom there is no OAuth redirect
 * back with a code and no JS-SDK, so the mock stands in for them:
 * - OAuth: instead of leaving for the authorize page, the sidebar exchanges
 *   VITE_WECOM_MOCK_CODE (a code the sandbox or a dev server accepts) for a session;
 * - JS-SDK (`ww.register`, current contact / chat): stubs land here with the issue that
 *   brings src/wecom/context.ts, so every `ww.*` call keeps going through src/wecom/.
 */
export interface WecomMock {
  /** The OAuth code to exchange instead of redirecting to WeCom. */
  oauthCode(): string;
}

export function isWecomMockEnabled(config: Pick<WecomConfig, 'mock'>): boolean {
  return config.mock;
}

export function createWecomMock(config: Pick<WecomConfig, 'mockCode'>): WecomMock {
  return {
    oauthCode: () => config.mockCode,
  };
}
