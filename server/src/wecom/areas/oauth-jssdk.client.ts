import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type { GetUserInfoResponse } from './oauth-jssdk.types';

/** OAuth (网页授权) of members inside WeCom, and the JS-SDK tickets behind wx.config. */
@Injectable()
export class OAuthJssdkClient {
  constructor(private readonly transport: WecomTransport) {}

  /** auth/getuserinfo with the app token. A code works once, so a network error is not retried. */
  getUserInfoByCode(corpId: string, code: string): Promise<GetUserInfoResponse> {
    return this.transport.call(
      {
        method: 'GET',
        path: 'auth/getuserinfo',
        scope: 'agent',
        query: { code },
        idempotent: false,
      },
      corpId,
    );
  }

  /** The page a member's browser is sent to for silent OAuth (snsapi_base) inside WeCom. */
  buildOAuthAuthorizeUrl(
    corpId: string,
    agentId: number | string,
    redirectUri: string,
    state: string,
  ): string {
    const qs = [
      `appid=${encodeURIComponent(corpId)}`,
      `redirect_uri=${encodeURIComponent(redirectUri)}`,
      'response_type=code',
      'scope=snsapi_base',
      `agentid=${encodeURIComponent(String(agentId))}`,
      `state=${encodeURIComponent(state)}`,
    ].join('&');
    return `${this.transport.oauthBaseUrl}/connect/oauth2/authorize?${qs}#wechat_redirect`;
  }

  /** The corp jsapi_ticket (wx.config), cached in Redis like access_tokens. */
  getJsapiTicket(corpId: string): Promise<string> {
    return this.transport.ticket(corpId, 'jsapi');
  }

  /** The app ticket (wx.agentConfig, `ticket/get?type=agent_config`), cached separately. */
  getAgentConfigTicket(corpId: string): Promise<string> {
    return this.transport.ticket(corpId, 'agent_config');
  }
}
