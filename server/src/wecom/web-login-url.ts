/**
 * 企业微信Web登录 (login.work.weixin.qq.com): the parameters of `ww.createWWLoginPanel` and the
 * documented login link, for a self-built app (`login_type=CorpApp`, appid = CorpID, agentid).
 * WeCom redirects to `redirect_uri` with `code` and `state`; the code is exchanged with
 * `auth/getuserinfo` (WecomClient.getUserInfoByCode).
 */
export interface WebLoginParams {
  login_type: 'CorpApp';
  appid: string;
  agentid: string;
  redirect_uri: string;
  state: string;
}

export function webLoginParams(
  corpId: string,
  agentId: number | string,
  redirectUri: string,
  state: string,
): WebLoginParams {
  return {
    login_type: 'CorpApp',
    appid: corpId,
    agentid: String(agentId),
    redirect_uri: redirectUri,
    state,
  };
}

/** `{loginBaseUrl}/wwlogin/sso/login?login_type=CorpApp&appid=…&agentid=…&redirect_uri=…&state=…` */
export function webLoginUrl(loginBaseUrl: string, params: WebLoginParams): string {
  return `${loginBaseUrl.replace(/\/$/, '')}/wwlogin/sso/login?${new URLSearchParams({ ...params }).toString()}`;
}
