// The demo's sidebar launcher: a page linking the sidebar "as" each demo guide on each of their
// customers (a single chat) and groups (a group chat). The links carry the mock JS bridge's
// parameters (sidebar-h5/src/wecom/mock.ts); the sign-in is the sandbox's real OAuth.
//   node scripts/demo-sidebar-launcher.mjs <api> <username> <password> <sidebarUrl> <out.html>
import { writeFileSync } from 'node:fs';

const [api, username, password, sidebarUrl, out] = process.argv.slice(2);
const PER_GUIDE = 6;

const login = await fetch(`${api}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username, password }),
});
if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
const { accessToken } = await login.json();
const get = async (path) => {
  const res = await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

const [corp] = await get('/api/admin/corps');
if (!corp) throw new Error('no corp registered');
// the first sync fills the mirror: wait for customers (up to 2 minutes)
let staff = [];
for (let i = 0; i < 240; i++) {
  const page = await get(`/api/admin/customers?corpId=${corp.corpId}&limit=1`);
  if (page.items.length) break;
  await new Promise((r) => setTimeout(r, 500));
}
staff = await get(`/api/admin/staff?corpId=${corp.corpId}`);
const list = Array.isArray(staff) ? staff : (staff.items ?? []);

const esc = (s) =>
  String(s ?? '').replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );
const link = (params) => `${sidebarUrl}/?${new URLSearchParams({ ww_mock: '1', ...params })}`;

const sections = [];
for (const s of list) {
  const userId = s.userId;
  const customers = (
    await get(
      `/api/admin/customers?corpId=${corp.corpId}&userId=${encodeURIComponent(userId)}&limit=${PER_GUIDE}`,
    )
  ).items;
  const groups = await get(
    `/api/admin/groups?corpId=${corp.corpId}&ownerUserId=${encodeURIComponent(userId)}&limit=${PER_GUIDE}`,
  );
  const rows = [
    ...customers.map(
      (c) =>
        `<li><a href="${esc(link({ ww_entry: 'single_chat_tools', ww_contact: c.externalUserId, ww_as: userId }))}">单聊 · ${esc(c.name)}</a></li>`,
    ),
    ...groups.map(
      (g) =>
        `<li><a href="${esc(link({ ww_entry: 'group_chat_tools', ww_chat: g.chatId, ww_as: userId }))}">群聊 · ${esc(g.name || g.chatId)}</a></li>`,
    ),
  ];
  const note = s.customerContact === false ? '（无客户联系权限：侧边栏会拒绝登录）' : '';
  if (!rows.length && !note) continue;
  const refused = note
    ? `<li><a href="${esc(link({ ww_entry: 'single_chat_tools', ww_contact: 'wmNone', ww_as: userId }))}">试试登录</a></li>`
    : '';
  sections.push(
    `<section><h2>${esc(s.name || userId)} <small>${esc(userId)}${note}</small></h2><ul>${rows.join('')}${refused}</ul></section>`,
  );
}

writeFileSync(
  out,
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>侧边栏演示入口</title>
<style>body{font:14px/1.6 -apple-system,'PingFang SC',sans-serif;margin:24px;max-width:760px}h2{font-size:16px;margin:20px 0 4px}small{color:#888;font-weight:400}ul{margin:0;padding-left:18px}a{color:#1f6feb}</style>
</head><body><h1>侧边栏演示入口 · ${esc(corp.name)}</h1>
<p>每个链接以一位导购的身份，在一个客户单聊或客户群的聊天工具栏中打开侧边栏（企业微信的 JS 桥由页面模拟，登录走沙箱的真实 OAuth）。建议把浏览器窗口调到约 360 px 宽。</p>
${sections.join('\n')}
</body></html>\n`,
);
console.log(`[demo] sidebar launcher: ${sidebarUrl}/launcher.html (${sections.length} guides)`);
