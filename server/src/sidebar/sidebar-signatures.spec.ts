import { getJsApiSignature } from '@wecom/crypto';
import { JsapiSignatureService } from '../wecom/jsapi-signature.service';
import type { OAuthJssdkClient } from '../wecom/areas/oauth-jssdk.client';
import type { WecomCredentialsSource } from '../wecom/wecom.options';
import { SidebarController } from './sidebar.controller';

// WeCom's documented example (JS-SDK 签名算法): ticket, noncestr, timestamp, url → signature
const DOC = {
  ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
  nonceStr: 'Wm3WZYTPz0wzccnW',
  timestamp: 1414587457,
  url: 'http://mp.weixin.qq.com?params=value',
  signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
};

describe('sidebar JS-SDK signature endpoints', () => {
  const client = {
    getJsapiTicket: jest.fn(async () => DOC.ticket),
    getAgentConfigTicket: jest.fn(async () => DOC.ticket),
  };
  const credentials: WecomCredentialsSource = {
    credentials: async (corpId) => ({
      corpId,
      agentId: 1000002,
      agentSecret: 's',
      contactSecret: null,
      addressBookSecret: null,
      callbackToken: 't',
      encodingAESKey: 'k',
    }),
  };
  const signatures = new JsapiSignatureService(client as unknown as OAuthJssdkClient, credentials);
  // the controller's endpoints with the documented nonce and timestamp
  jest.spyOn(Date, 'now').mockReturnValue(DOC.timestamp * 1000);
  const seeded = {
    configSignature: (corpId: string, url: string) => signatures.configSignature(corpId, url, DOC),
    agentConfigSignature: (corpId: string, url: string) =>
      signatures.agentConfigSignature(corpId, url, DOC),
  };
  const controller = new SidebarController({} as never, seeded as JsapiSignatureService);
  const who = { corpId: 'ww1', userId: 'guide01' };

  it("both equal @wecom/crypto's getJsApiSignature for WeCom's example, hash removed", async () => {
    expect(getJsApiSignature(DOC).signature).toBe(DOC.signature);
    const config = await controller.configSignature(who, { url: `${DOC.url}#/customer` });
    const agent = await controller.agentConfigSignature(who, { url: `${DOC.url}#/group` });
    expect(config).toEqual({
      timestamp: DOC.timestamp,
      nonceStr: DOC.nonceStr,
      signature: DOC.signature,
    });
    expect(agent).toEqual(config);
    expect(client.getJsapiTicket).toHaveBeenCalledWith('ww1');
    expect(client.getAgentConfigTicket).toHaveBeenCalledWith('ww1');
  });

  it('never returns a ticket', async () => {
    const out = await controller.configSignature(who, { url: DOC.url });
    expect(JSON.stringify(out)).not.toContain(DOC.ticket);
  });
});
