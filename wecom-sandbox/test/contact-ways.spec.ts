import { Client, startClient } from './helpers';

describe('「联系我」 contact way APIs', () => {
  let c: Client;
  beforeAll(async () => {
    c = await startClient({ seed: { customers: 50 } });
  });
  afterAll(() => c.sb.close());

  it('add_contact_way (single, QR) returns config_id and a qr_code served as a PNG', async () => {
    const r = await c.post('externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: ['lina'],
      state: 'store_jingan',
      remark: '静安店海报',
    });
    expect(r).toEqual({
      errcode: 0,
      errmsg: 'ok',
      config_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      qr_code: expect.any(String),
    });
    const png = await fetch(r.qr_code);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const got = await c.post('externalcontact/get_contact_way', { config_id: r.config_id });
    expect(got.contact_way).toMatchObject({
      config_id: r.config_id,
      type: 1,
      scene: 2,
      remark: '静安店海报',
      skip_verify: true,
      state: 'store_jingan',
      qr_code: r.qr_code,
      user: ['lina'],
      party: [],
      is_temp: false,
    });
  });

  it('mini-program scene has no qr_code; multi-person with party', async () => {
    const r = await c.post('externalcontact/add_contact_way', {
      type: 2,
      scene: 1,
      style: 1,
      user: ['liuyang'],
      party: [6],
    });
    expect(r.errcode).toBe(0);
    expect(r.qr_code).toBeUndefined();
    const got = await c.post('externalcontact/get_contact_way', { config_id: r.config_id });
    expect(got.contact_way).toMatchObject({
      type: 2,
      scene: 1,
      style: 1,
      user: ['liuyang'],
      party: [6],
    });
  });

  it('validates type, scene, users, state length', async () => {
    const add = (b: object) => c.post('externalcontact/add_contact_way', b);
    expect((await add({ scene: 2, user: ['lina'] })).errcode).toBe(41037);
    expect((await add({ type: 1, user: ['lina'] })).errcode).toBe(41038);
    expect((await add({ type: 3, scene: 2, user: ['lina'] })).errcode).toBe(41039);
    expect((await add({ type: 1, scene: 5, user: ['lina'] })).errcode).toBe(41040);
    expect((await add({ type: 1, scene: 2, user: ['lina', 'liuyang'] })).errcode).toBe(40058);
    expect((await add({ type: 1, scene: 2, user: ['lina'], state: 's'.repeat(31) })).errcode).toBe(
      40058,
    );
    expect((await add({ type: 1, scene: 2, user: ['lina'], state: '渠'.repeat(30) })).errcode).toBe(
      0,
    );
    expect((await add({ type: 1, scene: 2, user: ['zhaolei'] })).errcode).toBe(84074);
    expect((await add({ type: 1, scene: 2, user: ['nobody'] })).errcode).toBe(60111);
    expect((await add({ type: 2, scene: 2, party: [999] })).errcode).toBe(60123);
    expect((await add({ type: 2, scene: 2 })).errcode).toBe(40058);
    expect((await add({ type: 2, scene: 2, user: ['lina'], is_temp: true })).errcode).toBe(40058);
  });

  it('update, list and delete', async () => {
    const r = await c.post('externalcontact/add_contact_way', {
      type: 2,
      scene: 2,
      user: ['lina', 'chenjing'],
      state: 'a',
    });
    expect(
      (
        await c.post('externalcontact/update_contact_way', {
          config_id: r.config_id,
          state: 'b',
          user: ['wuting'],
          skip_verify: false,
        })
      ).errcode,
    ).toBe(0);
    const got = await c.post('externalcontact/get_contact_way', { config_id: r.config_id });
    expect(got.contact_way).toMatchObject({ state: 'b', user: ['wuting'], skip_verify: false });
    expect(
      (
        await c.post('externalcontact/update_contact_way', {
          config_id: r.config_id,
          state: 'x'.repeat(31),
        })
      ).errcode,
    ).toBe(40058);
    const ids: string[] = [];
    let cursor = '';
    do {
      const page = await c.post('externalcontact/list_contact_way', { cursor, limit: 2 });
      expect(page.errcode).toBe(0);
      ids.push(...page.contact_way.map((w: { config_id: string }) => w.config_id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(ids).toEqual([...c.sb.state.contactWays.keys()]);
    expect(
      (await c.post('externalcontact/del_contact_way', { config_id: r.config_id })).errcode,
    ).toBe(0);
    expect(
      (await c.post('externalcontact/get_contact_way', { config_id: r.config_id })).errcode,
    ).toBe(41044);
    expect((await c.post('externalcontact/get_contact_way', {})).errcode).toBe(41043);
    expect(
      (await c.post('externalcontact/del_contact_way', { config_id: r.config_id })).errcode,
    ).toBe(41044);
  });

  it('temp chat mode: expires_in capped at 14 days and defaults to 7 days', async () => {
    const r = await c.post('externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: ['lina'],
      is_temp: true,
    });
    const got = await c.post('externalcontact/get_contact_way', { config_id: r.config_id });
    expect(got.contact_way).toMatchObject({
      is_temp: true,
      expires_in: 604800,
      chat_expires_in: 86400,
    });
    expect(
      (
        await c.post('externalcontact/add_contact_way', {
          type: 1,
          scene: 2,
          user: ['lina'],
          is_temp: true,
          expires_in: 15 * 86400,
        })
      ).errcode,
    ).toBe(40058);
  });
});
