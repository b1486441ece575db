import {
  chatPayload,
  departmentsWithAncestors,
  folderVisibleTo,
  matchesSearch,
} from './quick-reply-rules';

// 1 总部 → 2 华东区 → 3 上海店, 4 杭州店; 1 → 5 华南区
const TREE = [
  { id: 1, parentId: 0 },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 2 },
  { id: 4, parentId: 2 },
  { id: 5, parentId: 1 },
];
const folder = (departmentIds: number[], userIds: string[] = [], visibleToAll = false) => ({
  visibleToAll,
  departmentIds,
  userIds,
});

describe('quick reply folder visibility', () => {
  const shanghai = departmentsWithAncestors(TREE, [3]);

  it('a folder for a department is seen in its sub-departments, not in its siblings or parents', () => {
    expect([...shanghai].sort()).toEqual([1, 2, 3]);
    expect(folderVisibleTo(folder([2]), 'lina', shanghai)).toBe(true);
    expect(folderVisibleTo(folder([3]), 'lina', shanghai)).toBe(true);
    expect(folderVisibleTo(folder([4]), 'lina', shanghai)).toBe(false);
    expect(folderVisibleTo(folder([5]), 'lina', shanghai)).toBe(false);
    // a folder for 上海店 is not seen by someone in 华东区 itself
    expect(folderVisibleTo(folder([3]), 'boss', departmentsWithAncestors(TREE, [2]))).toBe(false);
  });

  it('a folder for chosen members is seen by them wherever they are; everyone sees an open folder', () => {
    const south = departmentsWithAncestors(TREE, [5]);
    expect(folderVisibleTo(folder([4], ['wangwu']), 'wangwu', south)).toBe(true);
    expect(folderVisibleTo(folder([4], ['wangwu']), 'lina', south)).toBe(false);
    expect(folderVisibleTo(folder([], [], true), 'anyone', new Set())).toBe(true);
    expect(folderVisibleTo(folder([1]), 'nodept', new Set())).toBe(false);
  });

  it('survives a cycle or a department missing from the tree', () => {
    const cyclic = [
      { id: 7, parentId: 8 },
      { id: 8, parentId: 7 },
    ];
    expect([...departmentsWithAncestors(cyclic, [7])].sort()).toEqual([7, 8]);
    expect([...departmentsWithAncestors(TREE, [99])]).toEqual([99]);
  });
});

describe('sendChatMessage payload of each kind', () => {
  const item = {
    title: '春季新品',
    content: null,
    url: null,
    description: null,
    coverUrl: null,
    appId: null,
    page: null,
  };

  it('text carries the content exactly', () => {
    expect(chatPayload({ ...item, kind: 'text', content: '您好，\n欢迎光临 😊' })).toEqual({
      msgtype: 'text',
      text: { content: '您好，\n欢迎光临 😊' },
    });
  });

  it('image carries the media id, and refuses to be built without one', () => {
    expect(chatPayload({ ...item, kind: 'image' }, 'MEDIA_1')).toEqual({
      msgtype: 'image',
      image: { mediaid: 'MEDIA_1' },
    });
    expect(() => chatPayload({ ...item, kind: 'image' })).toThrow('media_id');
  });

  it('a link is a news card; a mini program its card', () => {
    expect(
      chatPayload({
        ...item,
        kind: 'link',
        url: 'https://shop.example.com/spring',
        description: '限时 8 折',
        coverUrl: 'https://cdn.example.com/c.png',
      }),
    ).toEqual({
      msgtype: 'news',
      news: {
        link: 'https://shop.example.com/spring',
        title: '春季新品',
        desc: '限时 8 折',
        imgUrl: 'https://cdn.example.com/c.png',
      },
    });
    expect(
      chatPayload({
        ...item,
        kind: 'miniprogram',
        appId: 'wx0123456789abcdef',
        page: 'pages/index.html',
        coverUrl: 'https://cdn.example.com/m.png',
      }),
    ).toEqual({
      msgtype: 'miniprogram',
      miniprogram: {
        appid: 'wx0123456789abcdef',
        title: '春季新品',
        imgUrl: 'https://cdn.example.com/m.png',
        page: 'pages/index.html',
      },
    });
  });
});

describe('quick reply search', () => {
  const reply = {
    title: '售后：退换货流程',
    content: '七天无理由退货，请保留小票',
    description: null,
  };
  it('finds words anywhere in the title or the text, case-insensitively, every word', () => {
    expect(matchesSearch(reply, '退换')).toBe(true);
    expect(matchesSearch(reply, '小票')).toBe(true);
    expect(matchesSearch(reply, '无理由 小票')).toBe(true);
    expect(matchesSearch(reply, '小票 会员')).toBe(false);
    expect(matchesSearch({ title: 'VIP Welcome', content: null, description: null }, 'welc')).toBe(
      true,
    );
  });
});
