import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RealStack } from '../../../../admin-web/tests/e2e/support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const corp = JSON.parse(
  readFileSync(
    resolve(
      dirname(fileURLToPath(import.meta.url)),
      '../../../../wecom-sandbox/seed/demo-corp.json',
    ),
    'utf8',
  ),
) as { corpId: string; contactSecret: string };

/** WeCom's own API on the sandbox, as WeCom would answer it (what reached WeCom). */
export async function wecomGet(stack: RealStack, path: string, query: Json = {}): Promise<Json> {
  const token = (await (
    await fetch(
      `${stack.sandboxUrl}/cgi-bin/gettoken?corpid=${corp.corpId}&corpsecret=${corp.contactSecret}`,
    )
  ).json()) as Json;
  const qs = new URLSearchParams({ access_token: token.access_token, ...query });
  return (await (await fetch(`${stack.sandboxUrl}/cgi-bin/${path}?${qs}`)).json()) as Json;
}

/** The sandbox's overview: members (with customer counts), groups, tags. */
export async function sandboxOverview(stack: RealStack): Promise<Json> {
  return (await (await fetch(`${stack.sandboxUrl}/sandbox/data/overview`)).json()) as Json;
}

/** A desktop WeCom 4.1 WebView (the JS-SDK configures itself only inside WeCom). */
export const WECOM_USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) wxwork/4.1.36 MicroMessenger/7.0.1 Language/zh ColorScheme/Light';
