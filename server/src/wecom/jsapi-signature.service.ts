import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getJsApiSignature } from '@wecom/crypto';
import { OAuthJssdkClient } from './areas/oauth-jssdk.client';
import { WECOM_CREDENTIALS, WecomCredentialsSource } from './wecom.options';
import type { JsapiAgentConfigSignature, JsapiConfigSignature } from './areas/oauth-jssdk.types';

/** Fixed nonce/timestamp for tests; random nonce and the current second otherwise. */
export interface SignatureSeed {
  nonceStr?: string;
  timestamp?: number;
}

/** The page URL as signed: everything before `#` (DW: the url must not contain the fragment). */
export function urlForSignature(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(0, hash) : url;
}

/**
 * JS-SDK signatures for the sidebar: `wx.config` is signed with the corp jsapi_ticket and
 * `wx.agentConfig` with the app's agent_config ticket. Both tickets are cached in Redis by
 * the transport (expires_in − 300 s, one refresh for all processes). Tickets are never logged
 * or returned.
 */
@Injectable()
export class JsapiSignatureService {
  constructor(
    private readonly client: OAuthJssdkClient,
    @Inject(WECOM_CREDENTIALS) private readonly credentials: WecomCredentialsSource,
  ) {}

  /** wx.config({ beta: true, appId, timestamp, nonceStr, signature }). */
  async configSignature(
    corpId: string,
    url: string,
    seed: SignatureSeed = {},
  ): Promise<JsapiConfigSignature> {
    const ticket = await this.client.getJsapiTicket(corpId);
    return { appId: corpId, ...sign(ticket, url, seed) };
  }

  /** wx.agentConfig({ corpid, agentid, timestamp, nonceStr, signature }). */
  async agentConfigSignature(
    corpId: string,
    url: string,
    seed: SignatureSeed = {},
  ): Promise<JsapiAgentConfigSignature> {
    const [ticket, creds] = await Promise.all([
      this.client.getAgentConfigTicket(corpId),
      this.credentials.credentials(corpId),
    ]);
    return { corpid: corpId, agentid: creds.agentId, ...sign(ticket, url, seed) };
  }
}

function sign(ticket: string, url: string, seed: SignatureSeed) {
  const nonceStr = seed.nonceStr ?? randomBytes(8).toString('hex');
  const timestamp = seed.timestamp ?? Math.floor(Date.now() / 1000);
  const { signature } = getJsApiSignature({
    url: urlForSignature(url),
    ticket,
    nonceStr,
    timestamp,
  });
  return { timestamp, nonceStr, signature };
}
