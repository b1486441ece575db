/** The /sandbox page: a small console to act out customers, staff and admins. */
export function controlPage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>WeCom Sandbox</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{font:14px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f8;color:#222}
header{background:#1f6feb;color:#fff;padding:12px 20px}header h1{font-size:18px;margin:0}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:14px;padding:14px}
section{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:15px;margin:0 0 8px}table{width:100%;border-collapse:collapse;font-size:13px}
td,th{border-bottom:1px solid #eee;padding:3px 4px;text-align:left;vertical-align:top}
button{background:#1f6feb;color:#fff;border:0;border-radius:4px;padding:3px 8px;cursor:pointer;font-size:12px}
button.alt{background:#6e7781}input,select{font-size:13px;padding:2px 4px;margin:2px 0}
pre{background:#0d1117;color:#c9d1d9;padding:8px;border-radius:6px;max-height:260px;overflow:auto;font-size:12px;white-space:pre-wrap}
.muted{color:#888}
</style></head><body>
<header><h1>企业微信 Sandbox <span class="muted" id="corp"></span></h1></header>
<main>
<section><h2>成员 Staff</h2><table id="users"></table></section>
<section><h2>「联系我」 Contact ways</h2><p class="muted">Create them through the API (add_contact_way); scan here as a new customer.</p><table id="ways"></table></section>
<section><h2>客户群 Groups</h2><table id="groups"></table></section>
<section><h2>企业标签 Corp tags (admin console)</h2><div id="tags"></div>
<p>New group <input id="tg" placeholder="group name"> tags <input id="tt" placeholder="a,b,c"> <button onclick="newTagGroup()">create</button></p></section>
<section><h2>继承 Pending transfers</h2><table id="transfers"></table>
<p>Clock: <span id="clock"></span> <button onclick="advance(3600)">+1 h</button> <button onclick="advance(86400)">+24 h</button></p></section>
<section><h2>群发 Mass messages</h2><table id="msgs"></table></section>
<section><h2>Settings</h2>
<p><label><input type="checkbox" id="dup" onchange="setCfg()"> duplicate callbacks</label>
<label><input type="checkbox" id="shuf" onchange="setCfg()"> shuffle callbacks</label></p>
<p>Callback URL <input id="cburl" size="40"> <button onclick="setCfg()">save</button> <button class="alt" onclick="verify()">verify URL</button></p>
<p><button class="alt" onclick="post('/sandbox/tokens/expire').then(load)">expire tokens</button>
<button class="alt" onclick="if(confirm('reset?'))post('/sandbox/reset').then(load)">reset sandbox</button></p>
<pre id="summary"></pre></section>
<section><h2>Callbacks</h2><pre id="cbs"></pre></section>
<section><h2>Last result</h2><pre id="out"></pre></section>
</main>
<script>
const $=id=>document.getElementById(id);
const esc=s=>String(s??'').replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
async function post(url,body){const r=await fetch(url,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body||{})});const j=await r.json();$('out').textContent=JSON.stringify(j,null,2);return j}
async function get(url){return (await fetch(url)).json()}
async function scan(id){await post('/sandbox/customers/scan',{configId:id});load()}
async function leave(u){if(confirm(u+' leaves the company?')){await post('/sandbox/users/'+u+'/leave');load()}}
async function join(id){const c=prompt('externalUserId to join (empty = a new customer is not allowed; paste an id)');if(c){await post('/sandbox/groups/'+id+'/join',{externalUserId:c,joinScene:3});load()}}
async function dismiss(id){if(confirm('dismiss?')){await post('/sandbox/groups/'+id+'/dismiss');load()}}
async function respond(e,a){await post('/sandbox/transfers/respond',{externalUserId:e,accept:a});load()}
async function advance(s){await post('/sandbox/clock/advance',{seconds:s});load()}
async function sendMsg(m,u){await post('/sandbox/groupmsg/'+m+'/send',{userid:u});load()}
async function newTagGroup(){await post('/sandbox/tags/groups',{groupName:$('tg').value,tags:$('tt').value.split(',').map(s=>s.trim()).filter(Boolean)});load()}
async function delTag(id){await post('/sandbox/tags/'+id+'/delete');load()}
async function setCfg(){await post('/sandbox/config',{duplicateCallbacks:$('dup').checked,shuffleCallbacks:$('shuf').checked,callbackUrl:$('cburl').value});load()}
async function verify(){await post('/sandbox/callback/verify')}
async function load(){
 const d=await get('/sandbox/data/overview');const s=await get('/sandbox/state/summary');const cfg=await get('/sandbox/config');
 const cb=await get('/sandbox/callbacks?limit=30');const ck=await get('/sandbox/clock');
 $('corp').textContent=s.corpId;$('summary').textContent=JSON.stringify(s,null,1);
 $('clock').textContent=new Date(ck.now*1000).toLocaleString()+' (offset '+ck.offsetSeconds+' s)';
 $('dup').checked=cfg.config.duplicateCallbacks;$('shuf').checked=cfg.config.shuffleCallbacks;if(document.activeElement!==$('cburl'))$('cburl').value=cfg.config.callbackUrl||'';
 $('users').innerHTML='<tr><th>userid</th><th>name</th><th>position</th><th>customers</th><th></th></tr>'+d.users.map(u=>'<tr><td>'+esc(u.userid)+'</td><td>'+esc(u.name)+'</td><td>'+esc(u.position)+(u.customerContact?'':' <span class=muted>(no 客户联系)</span>')+'</td><td>'+u.customers+'</td><td>'+(u.active?'<button class=alt onclick="leave(\\''+u.userid+'\\')">leaves</button>':'<span class=muted>departed</span>')+'</td></tr>').join('');
 $('ways').innerHTML=d.contactWays.map(w=>'<tr><td>'+(w.qrCode?'<img src="'+esc(w.qrCode)+'" width=48>':'')+'</td><td>'+esc(w.remark||w.configId)+'<br><span class=muted>state '+esc(w.state)+' → '+esc(w.users.join(', '))+'</span></td><td><button onclick="scan(\\''+w.configId+'\\')">scan</button></td></tr>').join('')||'<tr><td class=muted>none yet</td></tr>';
 $('groups').innerHTML=d.groups.map(g=>'<tr><td>'+esc(g.name)+'<br><span class=muted>'+esc(g.chatId)+'</span></td><td>'+esc(g.owner)+'</td><td>'+g.members+'</td><td><button onclick="join(\\''+g.chatId+'\\')">join</button> <button class=alt onclick="dismiss(\\''+g.chatId+'\\')">dismiss</button></td></tr>').join('');
 $('tags').innerHTML=d.tagGroups.map(g=>'<p><b>'+esc(g.name)+'</b> '+g.tags.map(t=>esc(t.name)+' <a href="#" onclick="delTag(\\''+t.id+'\\');return false">×</a>').join(' · ')+'</p>').join('');
 $('transfers').innerHTML=d.pendingTransfers.map(t=>'<tr><td>'+esc(t.external_userid)+'</td><td>'+esc(t.handover_userid)+' → '+esc(t.takeover_userid)+'</td><td><button onclick="respond(\\''+t.external_userid+'\\',true)">accept</button> <button class=alt onclick="respond(\\''+t.external_userid+'\\',false)">refuse</button></td></tr>').join('')||'<tr><td class=muted>none</td></tr>';
 $('msgs').innerHTML=d.groupMsgs.map(m=>'<tr><td>'+esc(m.msgid)+'<br><span class=muted>'+m.chatType+(m.canceled?' canceled':'')+'</span></td><td>'+m.tasks.map(t=>esc(t.userid)+(t.status===2?' ✓':' <button onclick="sendMsg(\\''+m.msgid+'\\',\\''+t.userid+'\\')">send</button>')).join('<br>')+'</td></tr>').join('')||'<tr><td class=muted>none</td></tr>';
 $('cbs').textContent=cb.deliveries.slice().reverse().map(x=>'#'+x.id+' '+x.event+'/'+(x.changeType||'')+' '+x.status+' attempts='+x.attempts+' '+(x.lastError||'')).join('\\n');
}
load();setInterval(load,5000);
</script></body></html>`;
}

/** OAuth2 authorize page: pick a member to "log in as", then redirect with code and state. */
export function authorizePage(
  staff: Array<{ userid: string; name: string; position: string }>,
  params: { redirectUri: string; state: string; scope: string; appid: string },
): string {
  return memberPickerPage(
    '企业微信授权登录 (Sandbox)',
    staff,
    (userid) =>
      `/connect/oauth2/sandbox-login?${new URLSearchParams({
        userid,
        redirect_uri: params.redirectUri,
        state: params.state,
        scope: params.scope,
        appid: params.appid,
      }).toString()}`,
  );
}

/**
 * 企业微信Web登录 page (login.work.weixin.qq.com/wwlogin/sso/login): stands for the QR code a
 * member scans; pick a member (or someone outside the corp), then redirect with code and state.
 */
export function webLoginPage(
  staff: Array<{ userid: string; name: string; position: string }>,
  params: { redirectUri: string; state: string },
): string {
  const link = (userid: string) =>
    `/wwlogin/sso/sandbox-login?${new URLSearchParams({
      userid,
      redirect_uri: params.redirectUri,
      state: params.state,
    }).toString()}`;
  return memberPickerPage('企业微信登录 (Sandbox)', staff, link, {
    label: '非企业成员 · Someone outside the corp',
    href: link(''),
  });
}

function memberPickerPage(
  title: string,
  staff: Array<{ userid: string; name: string; position: string }>,
  link: (userid: string) => string,
  extra?: { label: string; href: string },
): string {
  const esc = (s: string) =>
    s.replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
    );
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font:15px -apple-system,"PingFang SC",sans-serif;margin:0;background:#f5f6f8}h1{font-size:17px;padding:14px;margin:0;background:#fff}
a{display:block;background:#fff;margin:8px 12px;padding:12px;border-radius:8px;color:#222;text-decoration:none}span{color:#888;font-size:13px;margin-left:6px}</style></head>
<body><h1>选择登录成员 · Log in as</h1>
${staff.map((s) => `<a href="${esc(link(s.userid))}" data-userid="${esc(s.userid)}">${esc(s.name)}<span>${esc(s.userid)} · ${esc(s.position)}</span></a>`).join('\n')}
${extra ? `<a href="${esc(extra.href)}" data-userid="">${esc(extra.label)}</a>` : ''}
</body></html>`;
}
