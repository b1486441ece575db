import { randomBytes } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { cgiRouter, allApis } from './api/cgi';
import { groupMsgApis } from './api/groupmsgs';
import { mediaApis } from './api/media';
import { momentApis } from './api/moments';
import { transferApis } from './api/transfers';
import { authorizePage, webLoginPage } from './control/page';
import { controlRouter } from './control/routes';
import { errorBody } from './errors';
import type { SandboxState } from './state';

const OAUTH_CODE_TTL = 300;

export function createApp(state: SandboxState, reset: () => void): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');

  app.use(
    '/cgi-bin',
    cgiRouter(state, allApis([...transferApis, ...groupMsgApis, ...mediaApis, ...momentApis])),
  );

  // OAuth2 网页授权 (DW 91022): a page that lists members to log in as.
  app.get('/connect/oauth2/authorize', (req: Request, res: Response) => {
    const q = req.query as Record<string, string | undefined>;
    const problems: string[] = [];
    if (q.appid !== state.corp.corpId) problems.push('appid must be the corpid');
    if (!q.redirect_uri) problems.push('redirect_uri missing');
    if (q.response_type !== 'code') problems.push('response_type must be code');
    const scope = q.scope ?? 'snsapi_base';
    if (scope !== 'snsapi_base' && scope !== 'snsapi_privateinfo') problems.push('invalid scope');
    if (scope === 'snsapi_privateinfo' && !q.agentid)
      problems.push('agentid is required for snsapi_privateinfo');
    if (problems.length) {
      res
        .status(400)
        .type('html')
        .send(`<h3>授权参数错误</h3><p>${problems.join('<br>')}</p>`);
      return;
    }
    const staff = state.userList
      .filter((u) => state.isActive(u))
      .map((u) => ({ userid: u.userid, name: u.name, position: u.position }));
    res.type('html').send(
      authorizePage(staff, {
        redirectUri: q.redirect_uri as string,
        state: q.state ?? '',
        scope,
        appid: q.appid as string,
      }),
    );
  });

  /** A single-use code (5 minutes) for `userid` ('' = someone outside the corp), then back. */
  const redirectWithCode = (
    res: Response,
    q: Record<string, string | undefined>,
    scope: string,
  ) => {
    const user = state.users.get(q.userid ?? '');
    const outsider = scope === 'web_login' && q.userid === '';
    if (!q.redirect_uri || (!outsider && (!user || !state.isActive(user)))) {
      res.status(400).type('html').send('<h3>invalid login</h3>');
      return;
    }
    const code = randomBytes(24).toString('base64url');
    state.oauthCodes.set(code, {
      userid: outsider ? '' : user!.userid,
      expiresAt: state.now() + OAUTH_CODE_TTL,
      used: false,
      scope,
    });
    if (state.oauthCodes.size > 10000) {
      const now = state.now();
      for (const [k, v] of state.oauthCodes)
        if (v.used || v.expiresAt < now) state.oauthCodes.delete(k);
    }
    const target = new URL(q.redirect_uri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', q.state ?? '');
    res.redirect(302, target.toString());
  };

  app.get('/connect/oauth2/sandbox-login', (req: Request, res: Response) => {
    const q = req.query as Record<string, string | undefined>;
    redirectWithCode(res, q, q.scope ?? 'snsapi_base');
  });

  // 企业微信Web登录 (the documented login link): the login page of a self-built app, on WeCom's login host.
  // Instead of a QR code to scan, it lists the members: picking one is their scan and confirm.
  app.get('/wwlogin/sso/login', (req: Request, res: Response) => {
    const q = req.query as Record<string, string | undefined>;
    const problems: string[] = [];
    if (q.login_type !== 'CorpApp') problems.push('login_type must be CorpApp (企业自建应用)');
    if (q.appid !== state.corp.corpId) problems.push('appid must be the corpid');
    if (q.agentid !== String(state.corp.agent.agentId))
      problems.push("agentid must be the self-built app's AgentId");
    if (!q.redirect_uri || !/^https?:\/\//.test(q.redirect_uri))
      problems.push('redirect_uri missing or not a URL');
    if (problems.length) {
      res
        .status(400)
        .type('html')
        .send(`<h3>登录参数错误</h3><p>${problems.join('<br>')}</p>`);
      return;
    }
    const staff = state.userList
      .filter((u) => state.isActive(u))
      .map((u) => ({ userid: u.userid, name: u.name, position: u.position }));
    res
      .type('html')
      .send(webLoginPage(staff, { redirectUri: q.redirect_uri as string, state: q.state ?? '' }));
  });

  app.get('/wwlogin/sso/sandbox-login', (req: Request, res: Response) => {
    redirectWithCode(res, req.query as Record<string, string | undefined>, 'web_login');
  });

  app.use('/sandbox', controlRouter(state, reset));

  app.use((req: Request, res: Response) => {
    res.status(404).json(errorBody(48001, `no such path ${req.path}`));
  });
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    void next;
    console.error('[wecom-sandbox] unexpected error', err);
    res.status(500).json(errorBody(-1));
  });
  return app;
}
