import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { WecomError, errorBody } from '../errors';
import type { SandboxState } from '../state';
import type { TokenScope } from '../tokens';
import { contactApis } from './contacts';
import { contactWayApis } from './contact-ways';
import { customerApis } from './customers';
import { groupChatApis } from './groupchats';
import { miscApis } from './misc';
import { msgauditApis } from './msgaudit';
import { tagApis } from './tags';
import type { ApiDef, Json } from './types';

function clientIp(req: Request): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

function send(res: Response, body: Json): void {
  const payload = JSON.stringify(body);
  res.writeHead(200, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

function sendError(res: Response, req: Request, err: WecomError): void {
  send(res, errorBody(err.errcode, err.detail, clientIp(req), err.extra));
}

/** gettoken (DW 91039): the only API without access_token. */
function getToken(state: SandboxState, query: Record<string, string | undefined>): Json {
  const corpid = query.corpid;
  const secret = query.corpsecret;
  if (!corpid) throw new WecomError(41002);
  if (!secret) throw new WecomError(41004);
  if (corpid !== state.corp.corpId) throw new WecomError(40013);
  let scope: TokenScope;
  if (secret === state.corp.agent.secret) scope = 'agent';
  else if (secret === state.corp.contactSecret) scope = 'contact';
  else if (secret === state.corp.addressBookSecret) scope = 'addressbook';
  else throw new WecomError(40001);
  const record = state.tokens.issue(scope);
  return {
    errcode: 0,
    errmsg: 'ok',
    access_token: record.token,
    expires_in: record.expiresAt - state.now(),
  };
}

/** Where each token scope may go (an address-book token cannot call 客户联系 APIs, etc.). */
function scopeAllowed(def: ApiDef, scope: TokenScope): boolean {
  if (def.scopes) return def.scopes.includes(scope);
  if (def.path.startsWith('externalcontact/')) return scope === 'agent' || scope === 'contact';
  return true;
}

/**
 * The self-built app's settings in WeCom's admin console, for calls with the app's own token:
 * 企业可信IP (60020 from any other address) and 客户联系 → 可调用接口的应用 (48002 without it).
 */
function appSettingsAllow(state: SandboxState, def: ApiDef, scope: TokenScope, ip: string): void {
  if (scope !== 'agent') return;
  const trusted = state.config.trustedIps;
  if (trusted && !trusted.includes(ip)) throw new WecomError(60020);
  if (!state.config.appCustomerContact && def.path.startsWith('externalcontact/'))
    throw new WecomError(48002);
}

export function allApis(extra: ApiDef[] = []): ApiDef[] {
  return [
    ...contactApis,
    ...customerApis,
    ...tagApis,
    ...contactWayApis,
    ...groupChatApis,
    ...miscApis,
    ...msgauditApis,
    ...extra,
  ];
}

export function cgiRouter(state: SandboxState, apis: ApiDef[]): Router {
  const table = new Map<string, ApiDef>();
  for (const def of apis) table.set(def.path, def);
  const router = express.Router();
  router.use(express.raw({ type: () => true, limit: '40mb' }));
  router.all('/*path', (req: Request, res: Response) => {
    const path = req.path.replace(/^\/+/, '').replace(/\/+$/, '');
    const query = req.query as Record<string, string | undefined>;
    state.apiCalls++;
    state.apiCallsByPath.set(path, (state.apiCallsByPath.get(path) ?? 0) + 1);
    try {
      if (!state.rateLimiter.hit(path)) throw new WecomError(45009);
      const fault = state.faults.get(path);
      if (fault && fault.remaining > 0) {
        fault.remaining--;
        throw new WecomError(fault.errcode, 'injected by the sandbox (POST /sandbox/faults)');
      }
      if (path === 'gettoken') return send(res, getToken(state, query));
      const def = table.get(path);
      const token = query.access_token;
      if (!token) throw new WecomError(41001);
      const check = state.tokens.check(token);
      if (!check.ok) throw new WecomError(check.errcode);
      if (!def) throw new WecomError(48001, `api ${path} is not available`);
      if (!scopeAllowed(def, check.record.scope))
        throw new WecomError(48002, `api ${path} forbidden for this secret`);
      appSettingsAllow(state, def, check.record.scope, clientIp(req));
      if (def.method === 'POST' && req.method !== 'POST')
        throw new WecomError(40058, 'require POST method');
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let body: Json = {};
      if (def.method === 'POST' && !def.rawBody && rawBody.length > 0) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(rawBody.toString('utf8'));
        } catch {
          throw new WecomError(40058, 'Warning: wrong json format');
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
          throw new WecomError(40058, 'Warning: wrong json format');
        body = parsed as Json;
      }
      const result = def.handler({
        state,
        query,
        body,
        rawBody,
        contentType: String(req.headers['content-type'] ?? ''),
        token: check.record,
        req,
      });
      if (result instanceof Promise)
        return void result.then(
          (r) => send(res, r),
          (err: unknown) =>
            err instanceof WecomError ? sendError(res, req, err) : send(res, errorBody(-1)),
        );
      send(res, result);
    } catch (err) {
      if (err instanceof WecomError) return sendError(res, req, err);
      throw err;
    }
  });
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    if (err instanceof WecomError) return sendError(res, req, err);
    const e = err as { type?: string; status?: number };
    if (e?.type === 'entity.too.large') return sendError(res, req, new WecomError(45001));
    console.error('[wecom-sandbox] unexpected error', err);
    send(res, errorBody(-1, undefined, clientIp(req)));
  });
  return router;
}
