// Registers the WeCom sandbox's demo corp through the admin API (idempotent).
import { readFileSync } from 'node:fs';

const [api, username, password, seedFile] = process.argv.slice(2);
const corp = JSON.parse(readFileSync(seedFile, 'utf8'));

const login = await fetch(`${api}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username, password }),
});
if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
const { accessToken } = await login.json();
const headers = { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };

const existing = await fetch(`${api}/api/admin/corps/${corp.corpId}`, { headers });
const body = {
  name: corp.corpName,
  agentId: corp.agent.agentId,
  agentSecret: corp.agent.secret,
  contactSecret: corp.contactSecret,
  addressBookSecret: corp.addressBookSecret,
  callbackToken: corp.callback.token,
  encodingAESKey: corp.callback.encodingAESKey,
};
const res = existing.ok
  ? await fetch(`${api}/api/admin/corps/${corp.corpId}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify(body),
    })
  : await fetch(`${api}/api/admin/corps`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ corpId: corp.corpId, ...body }),
    });
if (!res.ok) throw new Error(`registering the demo corp failed: ${res.status} ${await res.text()}`);
console.log(`[demo] corp ${corp.corpId} (${corp.corpName}) is configured`);
