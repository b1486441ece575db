import { randomBytes } from 'node:crypto';
import { fail } from '../errors';
import type { ApiDef, Json } from './types';
import { ok, optString, reqString } from './util';

/** The openid the web login gives the sandbox's one person outside the corp. */
const OUTSIDER_OPENID = 'oSandboxOutsider00000000000001';

const MEDIA_LIMITS: Record<string, number> = {
  image: 10 * 1024 * 1024,
  voice: 2 * 1024 * 1024,
  video: 10 * 1024 * 1024,
  file: 20 * 1024 * 1024,
};

export interface MultipartFile {
  name: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Minimal multipart/form-data reader: returns the file parts. */
export function parseMultipart(body: Buffer, contentType: string): MultipartFile[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) return [];
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const files: MultipartFile[] = [];
  let pos = body.indexOf(boundary);
  while (pos !== -1) {
    const start = pos + boundary.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing --
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) break;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next === -1) break;
    const data = body.subarray(headerEnd + 4, next - 2); // strip CRLF before boundary
    const disp = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disp)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(disp)?.[1];
    const ctype = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
    if (filename !== undefined) files.push({ name, filename, contentType: ctype.trim(), data });
    pos = next;
  }
  return files;
}

/** Byte limits of message/send's textcard fields (DW 90236). */
const TEXTCARD_LIMITS = { title: 128, description: 512, url: 2048 } as const;

const utf8Bytes = (v: string) => Buffer.byteLength(v, 'utf8');

/** The type object of an app message, checked against WeCom's field limits. */
function appMessageContent(msgtype: string, body: Json): Record<string, unknown> {
  const content = body[msgtype];
  if (!content || typeof content !== 'object') fail(40008, `${msgtype} missing`);
  const c = content as Record<string, unknown>;
  if (msgtype === 'text' || msgtype === 'markdown') {
    const text = reqString(c.content, `${msgtype}.content`, 41016);
    if (utf8Bytes(text) > 2048) fail(45002, 'content size out of limit');
    return { content: text };
  }
  if (msgtype === 'textcard') {
    const title = reqString(c.title, 'textcard.title', 41016);
    const description = reqString(c.description, 'textcard.description', 41033);
    const url = reqString(c.url, 'textcard.url', 40058);
    for (const [field, value] of Object.entries({ title, description, url }))
      if (utf8Bytes(value) > TEXTCARD_LIMITS[field as keyof typeof TEXTCARD_LIMITS])
        fail(45002, `textcard.${field} size out of limit`);
    if (!/^https?:\/\//.test(url)) fail(40058, 'textcard.url invalid');
    const btntxt = optString(c.btntxt) ?? '详情';
    if ([...btntxt].length > 4) fail(45002, 'textcard.btntxt size out of limit');
    return { title, description, url, btntxt };
  }
  fail(40008, `invalid message type ${msgtype}`);
}

export const miscApis: ApiDef[] = [
  {
    // 发送应用消息 (DW 90236): to members of the app's visible range; partial failures come
    // back in invaliduser with errcode 0, all recipients invalid is 81013.
    method: 'POST',
    path: 'message/send',
    scopes: ['agent'],
    handler: ({ state, body }) => {
      const agentid = Number(body.agentid);
      if (agentid !== state.corp.agent.agentId) fail(40056, 'invalid agentid');
      const msgtype = reqString(body.msgtype, 'msgtype', 40008);
      const content = appMessageContent(msgtype, body);
      const asked = (optString(body.touser) ?? '').split('|').filter(Boolean);
      const toparty = optString(body.toparty) ?? '';
      const totag = optString(body.totag) ?? '';
      if (!asked.length && !toparty && !totag) fail(40058, 'touser & toparty & totag all empty');
      const all = asked.includes('@all');
      const reached = all
        ? [...state.users.values()].filter((u) => state.isActive(u)).map((u) => u.userid)
        : asked.filter((id) => state.isActive(state.users.get(id)));
      const invalid = all ? [] : asked.filter((id) => !reached.includes(id));
      if (!reached.length) fail(81013, 'user & party & tag all invalid');
      const msgid = `msg_${randomBytes(12).toString('base64url')}`;
      state.appMessages.push({
        msgid,
        agentid,
        touser: reached,
        msgtype,
        content,
        sent_at: state.now(),
      });
      return ok({
        invaliduser: invalid.join('|'),
        invalidparty: '',
        invalidtag: '',
        unlicenseduser: '',
        msgid,
        response_code: '',
      });
    },
  },
  {
    // 获取企业的jsapi_ticket (DW 96909): needs the app's token; cached while valid.
    method: 'GET',
    path: 'get_jsapi_ticket',
    scopes: ['agent'],
    handler: ({ state }) => ok(state.tokens.ticket('corp')),
  },
  {
    // 获取应用的jsapi_ticket: type=agent_config.
    method: 'GET',
    path: 'ticket/get',
    scopes: ['agent'],
    handler: ({ state, query }) => {
      if (query.type !== 'agent_config') fail(91040, `invalid type ${query.type ?? ''}`);
      return ok(state.tokens.ticket('agent_config'));
    },
  },
  {
    // 获取访问用户身份 (DW 91023): codes are single use and valid 5 minutes.
    method: 'GET',
    path: 'auth/getuserinfo',
    scopes: ['agent'],
    handler: ({ state, query }) => {
      const code = reqString(query.code, 'code', 41008);
      const rec = state.oauthCodes.get(code);
      if (!rec || rec.used || rec.expiresAt <= state.now()) fail(40029, 'invalid code');
      rec.used = true;
      // 获取用户登录身份 (企业微信Web登录): a member gets their userid only (no user_ticket);
      // someone outside the corp an openid
      if (rec.scope === 'web_login' && !rec.userid) return ok({ openid: OUTSIDER_OPENID });
      const out: Json = { userid: rec.userid };
      if (rec.scope === 'snsapi_privateinfo') {
        out.user_ticket = `ut_${randomBytes(24).toString('base64url')}`;
        out.expires_in = 1800;
      }
      return ok(out);
    },
  },
  {
    // 上传临时素材 (DW 90253): multipart field "media"; type image|voice|video|file.
    method: 'POST',
    path: 'media/upload',
    rawBody: true,
    handler: ({ state, query, rawBody, contentType }) => {
      const type = optString(query.type) ?? '';
      if (!(type in MEDIA_LIMITS)) fail(40004, `invalid media type ${type}`);
      const file =
        parseMultipart(rawBody, contentType).find((f) => f.name === 'media') ??
        parseMultipart(rawBody, contentType)[0];
      if (!file || file.data.length === 0) fail(44001);
      if (file.data.length <= 5 || file.data.length > MEDIA_LIMITS[type])
        fail(40006, `invalid file size ${file.data.length}`);
      const created = state.now();
      const mediaId = state.ids.mediaId();
      state.media.set(mediaId, {
        media_id: mediaId,
        type,
        filename: file.filename,
        size: file.data.length,
        created_at: created,
      });
      return ok({ type, media_id: mediaId, created_at: String(created) });
    },
  },
  {
    // 上传图片 (DW 90256): jpg/png ≤2MB; returns a permanent URL.
    method: 'POST',
    path: 'media/uploadimg',
    rawBody: true,
    handler: ({ state, rawBody, contentType }) => {
      const file = parseMultipart(rawBody, contentType)[0];
      if (!file || file.data.length === 0) fail(44001);
      if (file.data.length <= 5 || file.data.length > 2 * 1024 * 1024)
        fail(40009, `invalid image size ${file.data.length}`);
      const id = randomBytes(16).toString('hex');
      state.media.set(`img_${id}`, {
        media_id: `img_${id}`,
        type: 'uploadimg',
        filename: file.filename,
        size: file.data.length,
        created_at: state.now(),
      });
      return ok({ url: `${state.baseUrl}/sandbox/media/img/${id}` });
    },
  },
];
