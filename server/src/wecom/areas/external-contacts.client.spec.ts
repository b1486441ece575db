import { CORP, makeTransport, useFakeWecom } from '../../common/testing/fake-wecom';
import { ExternalContactsClient } from './external-contacts.client';

describe('ExternalContactsClient', () => {
  const fake = useFakeWecom();
  const client = () => new ExternalContactsClient(makeTransport(fake).transport);

  it('walks batch/get_by_user in chunks of 100 users and to the end of each cursor', async () => {
    const users = Array.from({ length: 250 }, (_, i) => `u${i}`);
    fake.api = (req) => {
      const body = JSON.parse(req.body) as {
        userid_list: string[];
        cursor?: string;
        limit: number;
      };
      const page = Number(body.cursor ?? 0);
      const first = body.userid_list[0];
      return {
        json: {
          errcode: 0,
          errmsg: 'ok',
          external_contact_list: [
            {
              external_contact: { external_userid: `wm-${first}-${page}`, name: 'x', type: 1 },
              follow_info: { userid: first, createtime: 1 },
            },
          ],
          next_cursor: page < 2 ? String(page + 1) : '',
        },
      };
    };
    const got: string[] = [];
    for await (const c of client().iterateCustomersByUsers(CORP.corpId, [...users, 'u0']))
      got.push(c.external_contact.external_userid);
    const calls = fake.calls('externalcontact/batch/get_by_user').map((c) => JSON.parse(c.body));
    expect(calls.map((c) => c.userid_list.length)).toEqual([
      100, 100, 100, 100, 100, 100, 50, 50, 50,
    ]);
    expect(calls.map((c) => c.cursor ?? '')).toEqual(['', '1', '2', '', '1', '2', '', '1', '2']);
    expect(calls[0].limit).toBe(100);
    expect(got).toEqual([
      'wm-u0-0',
      'wm-u0-1',
      'wm-u0-2',
      'wm-u100-0',
      'wm-u100-1',
      'wm-u100-2',
      'wm-u200-0',
      'wm-u200-1',
      'wm-u200-2',
    ]);
  });

  it('joins the follow_user pages of externalcontact/get', async () => {
    fake.api = (req) => ({
      json: {
        errcode: 0,
        errmsg: 'ok',
        external_contact: { external_userid: 'wm1', name: 'A', type: 1 },
        follow_user: [{ userid: `u-${req.query.cursor ?? 'first'}`, createtime: 1 }],
        next_cursor: req.query.cursor ? '' : 'next',
      },
    });
    const res = await client().getExternalContact(CORP.corpId, 'wm1');
    expect(res.follow_user.map((f) => f.userid)).toEqual(['u-first', 'u-next']);
    expect(fake.calls('externalcontact/get').map((c) => c.query.external_userid)).toEqual([
      'wm1',
      'wm1',
    ]);
  });

  it('re-reads a customer for a newer event, and reuses a read that started after an older one', async () => {
    const c = client();
    let name = 'A';
    fake.api = () => ({
      json: { errcode: 0, external_contact: { external_userid: 'wm1', name }, follow_user: [] },
    });
    const arrived = Date.now() - 5;
    const first = await c.getExternalContact(CORP.corpId, 'wm1', { freshSince: arrived });
    name = 'B';
    // an event that arrived before the first read started: that read already shows its change
    const reused = await c.getExternalContact(CORP.corpId, 'wm1', { freshSince: arrived });
    expect([first.external_contact.name, reused.external_contact.name]).toEqual(['A', 'A']);
    expect(fake.calls('externalcontact/get')).toHaveLength(1);
    // an event that arrived after it needs WeCom again
    await new Promise((r) => setTimeout(r, 5));
    const later = await c.getExternalContact(CORP.corpId, 'wm1', { freshSince: Date.now() });
    expect(later.external_contact.name).toBe('B');
    expect(fake.calls('externalcontact/get')).toHaveLength(2);
    // concurrent handlers of one customer share one read in flight
    const since = Date.now() + 1;
    await new Promise((r) => setTimeout(r, 5));
    await Promise.all(
      [1, 2, 3].map(() => c.getExternalContact(CORP.corpId, 'wm1', { freshSince: since })),
    );
    expect(fake.calls('externalcontact/get')).toHaveLength(3);
  });

  it('reads 84061 on externalcontact/list as "no customers", and other errcodes as errors', async () => {
    fake.api = () => ({ json: { errcode: 84061, errmsg: 'not external contact' } });
    expect(await client().listExternalContacts(CORP.corpId, 'u1')).toEqual([]);
    fake.api = () => ({ json: { errcode: 60111, errmsg: 'userid not found' } });
    await expect(client().listExternalContacts(CORP.corpId, 'u1')).rejects.toMatchObject({
      errcode: 60111,
    });
  });

  it('sends externalcontact/remark with WeCom field names and the contact secret', async () => {
    await client().remarkExternalContact(CORP.corpId, {
      userid: 'lina',
      external_userid: 'wm1',
      remark: '静安-张三',
      remark_mobiles: ['13800000000'],
    });
    const [call] = fake.calls('externalcontact/remark');
    expect(call.method).toBe('POST');
    expect(JSON.parse(call.body)).toEqual({
      userid: 'lina',
      external_userid: 'wm1',
      remark: '静安-张三',
      remark_mobiles: ['13800000000'],
    });
    expect(call.query.access_token).toMatch(/-CONTA$/);
  });
});
