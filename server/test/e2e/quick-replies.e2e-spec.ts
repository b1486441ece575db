import request from 'supertest';
import { waitFor } from '../support/processes';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(256, 9)]);
const APPID = 'wx0123456789abcdef';

/**
 * Quick replies (话术库) over HTTP against the sandbox corp after a real sync: a manager keeps
 * folders and items in the console; a guide sees only the folders meant for them (their
 * department with its sub-departments, or them by name), searches them, and using one gives the
 * exact ww.sendChatMessage payload, an expired image media_id uploaded again, the use counted.
 */
describe('quick replies API', () => {
  let stack: SandboxStack;
  let corpId: string;
  const api = () => request(stack.url);
  const admin = (r: request.Test) => r.set(stack.auth());

  beforeAll(async () => {
    process.env.SIDEBAR_RATE_LIMIT_PER_MINUTE = '600';
    stack = await startSandboxStack({ sandbox: { seed: { customers: 10 } } });
    corpId = stack.sandbox.corp.corpId;
    await admin(api().post(`/api/admin/sync/${corpId}`)).expect(202);
    await waitFor(
      'the sync to finish',
      async () => {
        const runs = (await admin(api().get(`/api/admin/sync/${corpId}`)).expect(200)).body;
        return runs[0]?.status === 'done' ? true : undefined;
      },
      120_000,
    );
  });

  afterAll(async () => {
    delete process.env.SIDEBAR_RATE_LIMIT_PER_MINUTE;
    await stack?.close();
  });

  const signIn = async (userid: string): Promise<string> => {
    const res = await request(stack.sandbox.url)
      .get('/connect/oauth2/sandbox-login')
      .query({ userid, redirect_uri: 'http://127.0.0.1:5174/', state: 's1', scope: 'snsapi_base' })
      .redirects(0);
    const code = new URL(res.headers.location).searchParams.get('code')!;
    return (await api().post('/api/sidebar/session').send({ code }).expect(200)).body.token;
  };
  const guides = () =>
    stack.sandbox.state.userList.filter(
      (u) => stack.sandbox.state.isActive(u) && u.customerContact,
    );
  const folder = async (body: Json) =>
    (
      await admin(api().post('/api/admin/quick-replies/folders'))
        .send({ corpId, ...body })
        .expect(201)
    ).body;
  const item = async (body: Json) =>
    (
      await admin(api().post('/api/admin/quick-replies/items'))
        .send({ corpId, ...body })
        .expect(201)
    ).body;
  const sidebar = (token: string, q?: string) =>
    api()
      .get('/api/sidebar/quick-replies')
      .query(q ? { q } : {})
      .set('Authorization', `Bearer ${token}`);
  const use = (token: string, id: string) =>
    api()
      .post(`/api/sidebar/quick-replies/items/${id}/use`)
      .set('Authorization', `Bearer ${token}`);

  it('keeps folders and items in order, and refuses bad input with a 400 naming the field', async () => {
    const a = await folder({ name: '开场白', visibleToAll: true });
    const b = await folder({ name: '售后', visibleToAll: true });
    expect(a).toMatchObject({ name: '开场白', visibleToAll: true, itemCount: 0 });

    const t1 = await item({ folderId: a.id, kind: 'text', title: '问候', content: '您好！' });
    const t2 = await item({
      folderId: a.id,
      kind: 'link',
      title: '新品',
      url: 'https://shop.example.com/new',
      description: '春季新品',
    });
    expect(t2).toMatchObject({ kind: 'link', content: null, coverUrl: null, useCount: 0 });
    const reordered = await admin(api().put(`/api/admin/quick-replies/folders/${a.id}/items/order`))
      .send({ corpId, ids: [t2.id, t1.id] })
      .expect(200);
    expect(reordered.body.map((i: Json) => i.id)).toEqual([t2.id, t1.id]);
    const folders = await admin(api().put('/api/admin/quick-replies/folders/order'))
      .send({ corpId, ids: [b.id, a.id] })
      .expect(200);
    expect(folders.body.map((f: Json) => [f.name, f.itemCount])).toEqual([
      ['售后', 0],
      ['开场白', 2],
    ]);

    const edited = await admin(api().put(`/api/admin/quick-replies/items/${t1.id}`))
      .send({ corpId, folderId: b.id, kind: 'text', title: '问候', content: '您好，我是您的导购' })
      .expect(200);
    expect(edited.body).toMatchObject({ folderId: b.id, content: '您好，我是您的导购' });

    const bad = async (
      path: string,
      body: Json,
      field: string,
      method: 'post' | 'put' = 'post',
    ) => {
      const res = await admin(api()[method](`/api/admin/quick-replies/${path}`))
        .send({ corpId, ...body })
        .expect(400);
      expect(Object.keys(res.body.errors)).toContain(field);
    };
    await bad(
      'items',
      { folderId: a.id, kind: 'text', title: 'x', content: '长'.repeat(1334) },
      'content',
    );
    await bad('items', { folderId: a.id, kind: 'voice', title: 'x' }, 'kind');
    await bad('items', { folderId: a.id, kind: 'link', title: 'x', url: 'ftp://x' }, 'url');
    await bad('items', { folderId: a.id, kind: 'image', title: 'x', assetId: '999999' }, 'assetId');
    await bad('folders', { name: '空', visibleToAll: false }, 'departmentIds');
    await bad('folders', { name: '', visibleToAll: true }, 'name');
    await bad('folders/order', { ids: [a.id] }, 'ids', 'put');
    // a mini program only once the corp configured its appid, and only that one
    const mp = {
      folderId: a.id,
      kind: 'miniprogram',
      title: '会员中心',
      appId: APPID,
      page: 'pages/member.html',
      coverUrl: 'https://cdn.example.com/m.png',
    };
    await bad('items', mp, 'appId');
    await admin(api().put('/api/admin/quick-replies/settings'))
      .send({ corpId, miniprogramAppId: APPID })
      .expect(200);
    await bad('items', { ...mp, page: 'pages/member' }, 'page');
    await bad('items', { ...mp, appId: 'wxffffffffffffffff' }, 'appId');
    expect((await item(mp)).appId).toBe(APPID);

    // another corp's id and a missing one: 404; a viewer cannot write
    await admin(
      api().get('/api/admin/quick-replies/items').query({ corpId, folderId: '999999' }),
    ).expect(404);
    await admin(api().delete(`/api/admin/quick-replies/items/999999`).query({ corpId })).expect(
      404,
    );
    await admin(api().delete(`/api/admin/quick-replies/folders/${b.id}`).query({ corpId })).expect(
      204,
    );
    await admin(
      api().get('/api/admin/quick-replies/items').query({ corpId, folderId: b.id }),
    ).expect(404);
  });

  it('shows a guide only the folders meant for them, searchable, and 404s the others', async () => {
    const state = stack.sandbox.state;
    const [inDept, outside] = (() => {
      const gs = guides();
      for (const g of gs) {
        const other = gs.find((o) => !o.department.some((d) => g.department.includes(d)));
        if (other) return [g, other];
      }
      throw new Error('the sandbox corp needs guides in different departments');
    })();
    // a folder for the parent of the guide's department: seen from the sub-department
    const dept = inDept.department[0];
    const parent = state.departments.get(dept)?.parentid;
    const target =
      parent && parent !== 0 && !outside.department.some((d) => isUnder(d, parent)) ? parent : dept;
    function isUnder(d: number, root: number): boolean {
      for (let id: number | undefined = d; id; id = state.departments.get(id)?.parentid)
        if (id === root) return true;
      return false;
    }
    const scoped = await folder({ name: '门店专属', visibleToAll: false, departmentIds: [target] });
    const named = await folder({
      name: '给指定成员',
      visibleToAll: false,
      userIds: [outside.userid],
    });
    const secret = await item({
      folderId: scoped.id,
      kind: 'text',
      title: '会员日活动',
      content: '本周六会员日，全场满 300 减 50',
    });
    const forOutside = await item({
      folderId: named.id,
      kind: 'text',
      title: '专属',
      content: 'hi',
    });

    const mine = await signIn(inDept.userid);
    const theirs = await signIn(outside.userid);
    const seen = (await sidebar(mine).expect(200)).body.folders.map((f: Json) => f.name);
    expect(seen).toContain('门店专属');
    expect(seen).not.toContain('给指定成员');
    const seenByOther = (await sidebar(theirs).expect(200)).body.folders.map((f: Json) => f.name);
    expect(seenByOther).toContain('给指定成员');
    expect(seenByOther).not.toContain('门店专属');

    // search in the middle of the text, not only at the start
    const found = (await sidebar(mine, '满 300').expect(200)).body.folders;
    expect(found).toEqual([
      expect.objectContaining({
        name: '门店专属',
        items: [expect.objectContaining({ id: secret.id })],
      }),
    ]);
    expect((await sidebar(mine, '不存在的词').expect(200)).body.folders).toEqual([]);

    // an invisible folder's item and a made-up id: the same 404, nothing counted
    expect((await use(theirs, secret.id).expect(404)).body.code).toBe('QUICK_REPLY_NOT_FOUND');
    await use(mine, forOutside.id).expect(404);
    await use(mine, '999999').expect(404);
    await use(mine, 'abc').expect(400);
    await api().get('/api/sidebar/quick-replies').expect(401);
    await api().get('/api/sidebar/quick-replies').set(stack.auth()).expect(401);

    const used = await use(mine, secret.id).expect(200);
    expect(used.body).toEqual({
      payload: { msgtype: 'text', text: { content: '本周六会员日，全场满 300 减 50' } },
      useCount: 1,
    });
    const listed = await admin(
      api().get('/api/admin/quick-replies/items').query({ corpId, folderId: scoped.id }),
    ).expect(200);
    expect(listed.body[0]).toMatchObject({ useCount: 1, lastUsedAt: expect.any(String) });
  });

  it('gives an image its media_id, uploads it again once older than 3 days, and counts each use', async () => {
    const asset = (
      await admin(api().post(`/api/admin/media?corpId=${corpId}&kind=image`))
        .attach('file', png, '门店海报.png')
        .expect(201)
    ).body;
    const f = await folder({ name: '图片', visibleToAll: true });
    const image = await item({
      folderId: f.id,
      kind: 'image',
      title: '门店海报',
      assetId: asset.id,
    });
    await admin(api().post('/api/admin/quick-replies/items'))
      .send({ corpId, folderId: f.id, kind: 'image', title: '不是图片', assetId: '0' })
      .expect(400);
    const token = await signIn(guides()[0].userid);
    const uploads = () => stack.sandbox.state.apiCallsByPath.get('media/upload') ?? 0;

    const before = uploads();
    const first = (await use(token, image.id).expect(200)).body;
    expect(first.payload.msgtype).toBe('image');
    const mediaId = first.payload.image.mediaid;
    expect(stack.sandbox.state.media.get(mediaId)).toMatchObject({
      type: 'image',
      size: png.length,
    });
    expect(uploads()).toBe(before + 1);
    const second = (await use(token, image.id).expect(200)).body;
    expect(second.payload).toEqual({ msgtype: 'image', image: { mediaid: mediaId } });
    expect(uploads()).toBe(before + 1);

    // the media_id is 4 days old: WeCom no longer knows it, so one new upload
    await stack.db.query(
      'UPDATE media_asset SET media_uploaded_at = DATE_SUB(NOW(3), INTERVAL 4 DAY) WHERE id = ?',
      [asset.id],
    );
    const third = (await use(token, image.id).expect(200)).body;
    expect(third.payload.image.mediaid).not.toBe(mediaId);
    expect(stack.sandbox.state.media.has(third.payload.image.mediaid)).toBe(true);
    expect(uploads()).toBe(before + 2);
    expect(third.useCount).toBe(3);
  });
});
