/** What the page reads from its own URL and build (the corp and app come from the server). */
export interface WecomConfig {
  /** The corp, when several are configured (`?corpId=` in the chat-toolbar URL). */
  corpId?: string;
  /** Plain-browser demo and tests: the JS bridge is mocked, driven by the URL (mock.ts). */
  mock: boolean;
}

export function readWecomConfig(
  href: string = window.location.href,
  env: ImportMetaEnv = import.meta.env,
): WecomConfig {
  const params = new URL(href).searchParams;
  const corpId = params.get('corpId')?.trim() || undefined;
  return {
    corpId,
    mock: params.get('ww_mock') === '1' || env.VITE_WECOM_MOCK === '1',
  };
}
