/**
 * Request and response shapes of OAuth (网页授权) and the JS-SDK signatures.
 * WeCom's own field names (snake_case, as on developer.work.weixin.qq.com); optional = WeCom may omit it.
 */
import type { WecomBaseResponse } from '../wecom.types';

export interface GetUserInfoResponse extends WecomBaseResponse {
  /** Set for members of the corp. */
  userid?: string;
  /** Set for non-members (outside the corp). */
  openid?: string;
  external_userid?: string;
  user_ticket?: string;
  expires_in?: number;
}

export interface JsapiConfigSignature {
  /** The corp id (wx.config `appId`). */
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
}

export interface JsapiAgentConfigSignature {
  corpid: string;
  agentid: number;
  timestamp: number;
  nonceStr: string;
  signature: string;
}
