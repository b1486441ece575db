import { Client, startClient } from './helpers';

describe('app messages to members (message/send)', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 5 } });
  });
  afterAll(() => c.sb.close());

  const card = (more: Record<string, unknown> = {}) => ({
    touser: 'liuyang|nobody_here',
    msgtype: 'textcard',
    agentid: c.sb.corp.agent.agentId,
    textcard: {
      title: '客户交接给你',
      description: '<div class="normal">3 位客户将交接给你</div>',
      url: 'https://scrm.example.com/customers',
      btntxt: '查看',
    },
    ...more,
  });

  it('a textcard reaches the valid members; the unknown one comes back in invaliduser', async () => {
    const r = await c.post('message/send', card(), 'agent');
    expect(r).toMatchObject({ errcode: 0, invaliduser: 'nobody_here', msgid: expect.any(String) });
    const seen = await c.control('GET', 'app-messages?userid=liuyang');
    const last = seen.body.appMessages.at(-1);
    expect(last).toMatchObject({ msgid: r.msgid, touser: ['liuyang'], msgtype: 'textcard' });
    expect(last.content).toMatchObject({ title: '客户交接给你', btntxt: '查看' });
  });

  it('refuses what WeCom refuses: all recipients invalid, wrong agentid, limits, other tokens', async () => {
    expect((await c.post('message/send', card({ touser: 'ghost' }), 'agent')).errcode).toBe(81013);
    expect((await c.post('message/send', card({ agentid: 1 }), 'agent')).errcode).toBe(40056);
    const long = card({ textcard: { title: '标'.repeat(50), description: 'd', url: 'https://x' } });
    expect((await c.post('message/send', long, 'agent')).errcode).toBe(45002);
    const noDesc = card({ textcard: { title: 't', url: 'https://x' } });
    expect((await c.post('message/send', noDesc, 'agent')).errcode).toBe(41033);
    expect((await c.post('message/send', card(), 'contact')).errcode).not.toBe(0);
  });
});
