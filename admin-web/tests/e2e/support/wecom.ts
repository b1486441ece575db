import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoCorp, type RealStack } from './stack';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * Reads WeCom's side of the real stack the way the SCRM does: the sandbox's documented API
 * (`/cgi-bin/...`) with the demo corp's customer-contact secret. For checking what reached
 * WeCom; every call is counted in the sandbox's api-calls under its own path.
 */
export async function wecomApi<T>(stack: RealStack, path: string, body?: unknown): Promise<T> {
  const corp = demoCorp(repoRoot);
  const token = (await (
    await fetch(
      `${stack.sandboxUrl}/cgi-bin/gettoken?corpid=${corp.corpId}&corpsecret=${corp.contactSecret}`,
    )
  ).json()) as { errcode: number; access_token: string };
  if (token.errcode !== 0) throw new Error(`gettoken: ${JSON.stringify(token)}`);
  const url = `${stack.sandboxUrl}/cgi-bin/${path}${path.includes('?') ? '&' : '?'}access_token=${token.access_token}`;
  const response = await fetch(
    url,
    body === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  const json = (await response.json()) as T & { errcode: number };
  if (json.errcode !== 0) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json;
}

export interface WecomTagGroup {
  group_id: string;
  group_name: string;
  order: number;
  tag: Array<{ id: string; name: string; order: number }>;
}

/** WeCom's corp tag library (`get_corp_tag_list`), each group's tags as WeCom shows them. */
export async function wecomTagGroups(stack: RealStack): Promise<WecomTagGroup[]> {
  const { tag_group } = await wecomApi<{ tag_group: WecomTagGroup[] }>(
    stack,
    'externalcontact/get_corp_tag_list',
    {},
  );
  return tag_group.map((g) => ({ ...g, tag: [...g.tag].sort((a, b) => b.order - a.order) }));
}

/** The sandbox's count of calls per API path (`GET /sandbox/api-calls`). */
export async function apiCalls(stack: RealStack): Promise<Record<string, number>> {
  const r = (await (await fetch(`${stack.sandboxUrl}/sandbox/api-calls`)).json()) as Record<
    string,
    unknown
  >;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(r)) if (typeof v === 'number') out[k] = v;
  return out;
}

/** The tag library's write calls so far (add / edit / del). */
export async function tagWrites(stack: RealStack): Promise<number> {
  const calls = await apiCalls(stack);
  return ['add_corp_tag', 'edit_corp_tag', 'del_corp_tag']
    .map((p) => calls[`externalcontact/${p}`] ?? 0)
    .reduce((a, b) => a + b, 0);
}
