import { CORP, makeTransport, useFakeWecom } from '../../common/testing/fake-wecom';
import { WecomErrorCode } from '../wecom-api.exception';
import { OAuthJssdkClient } from './oauth-jssdk.client';

describe('OAuthJssdkClient', () => {
  const fake = useFakeWecom();

  it('builds the silent OAuth URL', () => {
    const client = new OAuthJssdkClient(makeTransport(fake).transport);
    expect(
      client.buildOAuthAuthorizeUrl('ww1', 1000002, 'https://scrm.example.com/h5/?a=1&b=2', 's t'),
    ).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww1&redirect_uri=https%3A%2F%2Fscrm.example.com%2Fh5%2F%3Fa%3D1%26b%3D2&response_type=code&scope=snsapi_base&agentid=1000002&state=s%20t#wechat_redirect',
    );
  });

  it('reads a code with the app token, once: a timed-out auth/getuserinfo is not repeated', async () => {
    const client = new OAuthJssdkClient(
      makeTransport(fake, { attempts: 3, baseDelayMs: 5 }, 150).transport,
    );
    fake.api = () => ({ json: { errcode: 0, errmsg: 'ok', userid: 'lina' } });
    expect((await client.getUserInfoByCode(CORP.corpId, 'CODE1')).userid).toBe('lina');
    const [call] = fake.calls('auth/getuserinfo');
    expect(call.query.code).toBe('CODE1');
    expect(call.query.access_token).toMatch(/-AGENT$/);

    fake.api = () => ({ delayMs: 400, json: { errcode: 0, errmsg: 'ok', userid: 'lina' } });
    await expect(client.getUserInfoByCode(CORP.corpId, 'CODE2')).rejects.toMatchObject({
      code: WecomErrorCode.Unavailable,
    });
    expect(fake.calls('auth/getuserinfo')).toHaveLength(2);
  });

  it('caches the JS-SDK tickets separately', async () => {
    const { transport, cache } = makeTransport(fake);
    const client = new OAuthJssdkClient(transport);
    fake.api = (req) => ({
      json: {
        errcode: 0,
        errmsg: 'ok',
        ticket: `ticket-${req.path}-${req.query.type ?? ''}`,
        expires_in: 7200,
      },
    });
    expect(await client.getJsapiTicket(CORP.corpId)).toBe('ticket-get_jsapi_ticket-');
    expect(await client.getAgentConfigTicket(CORP.corpId)).toBe('ticket-ticket/get-agent_config');
    expect(await client.getJsapiTicket(CORP.corpId)).toBe('ticket-get_jsapi_ticket-');
    expect(fake.calls('get_jsapi_ticket')).toHaveLength(1);
    expect(cache.get('ticket:wwunit:agent_config')).toBe('ticket-ticket/get-agent_config');
    expect(fake.calls('gettoken').map((g) => g.query.corpsecret)).toEqual(['AGENT-SECRET-xyz']);
  });
});
