import { createHash } from 'node:crypto';
import { JsapiSignatureService, urlForSignature } from './jsapi-signature.service';
import type { OAuthJssdkClient } from './areas/oauth-jssdk.client';
import type { WecomCredentialsSource } from './wecom.options';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

describe('JsapiSignatureService', () => {
  const client = {
    getJsapiTicket: jest.fn(async () => 'corp-jsapi-ticket'),
    getAgentConfigTicket: jest.fn(async () => 'agent-config-ticket'),
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
  const service = new JsapiSignatureService(client as unknown as OAuthJssdkClient, credentials);

  it('signs wx.config with the corp jsapi_ticket, without the #fragment', async () => {
    const url = 'https://scrm.example.com/sidebar/?corpId=ww1&x=a b#/customer/42';
    const out = await service.configSignature('ww1', url, {
      nonceStr: 'Wm3WZYTPz0wzccnW',
      timestamp: 1414587457,
    });
    expect(out).toEqual({
      appId: 'ww1',
      timestamp: 1414587457,
      nonceStr: 'Wm3WZYTPz0wzccnW',
      signature: sha1(
        'jsapi_ticket=corp-jsapi-ticket&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=https://scrm.example.com/sidebar/?corpId=ww1&x=a b',
      ),
    });
    expect(client.getJsapiTicket).toHaveBeenCalledWith('ww1');
  });

  it('signs wx.agentConfig with the agent_config ticket and the agent id', async () => {
    const out = await service.agentConfigSignature('ww1', 'https://h5.example.com/p#frag', {
      nonceStr: 'abc',
      timestamp: 1700000000,
    });
    expect(out).toEqual({
      corpid: 'ww1',
      agentid: 1000002,
      timestamp: 1700000000,
      nonceStr: 'abc',
      signature: sha1(
        'jsapi_ticket=agent-config-ticket&noncestr=abc&timestamp=1700000000&url=https://h5.example.com/p',
      ),
    });
  });

  it('matches the JS-SDK documentation example', async () => {
    // the example of the JS-SDK signature algorithm page (same algorithm in WeChat and WeCom)
    const docs = {
      getJsapiTicket: async () =>
        'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
    };
    const svc = new JsapiSignatureService(docs as unknown as OAuthJssdkClient, credentials);
    const out = await svc.configSignature('ww1', 'http://mp.weixin.qq.com?params=value', {
      nonceStr: 'Wm3WZYTPz0wzccnW',
      timestamp: 1414587457,
    });
    expect(out.signature).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });

  it('generates a fresh nonce and the current second when not given', async () => {
    const before = Math.floor(Date.now() / 1000);
    const a = await service.configSignature('ww1', 'https://x/');
    const b = await service.configSignature('ww1', 'https://x/');
    expect(a.nonceStr).not.toBe(b.nonceStr);
    expect(a.timestamp).toBeGreaterThanOrEqual(before);
    expect(a.signature).toBe(
      sha1(
        `jsapi_ticket=corp-jsapi-ticket&noncestr=${a.nonceStr}&timestamp=${a.timestamp}&url=https://x/`,
      ),
    );
  });

  it('strips only the fragment', () => {
    expect(urlForSignature('https://a/b?c=d#e#f')).toBe('https://a/b?c=d');
    expect(urlForSignature('https://a/b?c=d')).toBe('https://a/b?c=d');
  });
});
