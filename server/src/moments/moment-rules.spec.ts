import {
  defaultTitle,
  momentContentProblems,
  resultsPullDelayMs,
  sameContent,
  taskPollDelayMs,
} from './moment-rules';
import type { MomentAttachment } from './moment.types';

const img = (n: number): MomentAttachment[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'image', assetId: `a${i}` }));

describe('momentContentProblems (WeCom’s moment rules)', () => {
  it('accepts text with up to 9 images, or 1 video, or 1 link', () => {
    expect(momentContentProblems('你好', img(9))).toEqual({});
    expect(momentContentProblems(null, [{ type: 'video', assetId: 'v' }])).toEqual({});
    expect(
      momentContentProblems('', [{ type: 'link', assetId: 'c', title: 't', url: 'https://x.cn' }]),
    ).toEqual({});
  });

  it('refuses mixed types, a tenth image, two videos, and says so', () => {
    const mixed = momentContentProblems('x', [...img(1), { type: 'video', assetId: 'v' }]);
    expect(mixed.attachments[0]).toMatch(/不能混用.*image、video/);
    expect(momentContentProblems('x', img(10)).attachments[0]).toMatch(/最多 9 张.*10 张/);
    const videos = momentContentProblems('x', [
      { type: 'video', assetId: 'v1' },
      { type: 'video', assetId: 'v2' },
    ]);
    expect(videos.attachments[0]).toMatch(/只能有 1 个/);
  });

  it('counts characters (not UTF-16 units) and bytes, and refuses an empty moment', () => {
    expect(momentContentProblems('a'.repeat(2000), [])).toEqual({});
    expect(momentContentProblems('😀'.repeat(1000), [])).toEqual({}); // 2,000 UTF-16 units, 4,000 B
    expect(momentContentProblems('字'.repeat(2001), []).text[0]).toMatch(/2001/);
    expect(momentContentProblems('字'.repeat(1334), []).text[0]).toMatch(/4000 字节.*4002/);
    expect(momentContentProblems('  ', []).text[0]).toMatch(/正文或至少一个附件/);
  });
});

describe('sameContent (reconciling after a crash)', () => {
  it('matches a listed corp moment by text and attachment kinds only', () => {
    expect(sameContent({ text: { content: 'a' }, image: [{}, {}] }, 'a', img(2))).toBe(true);
    expect(sameContent({ text: { content: 'a' }, image: [{}] }, 'a', img(2))).toBe(false);
    expect(sameContent({ text: { content: 'b' } }, 'a', [])).toBe(false);
    expect(
      sameContent({ link: { title: 't', url: 'https://y' } }, null, [
        { type: 'link', assetId: 'c', title: 't', url: 'https://x' },
      ]),
    ).toBe(false);
  });
});

describe('schedules', () => {
  it('backs off: polls from 2 s to 60 s, pulls from 1 min to 6 h', () => {
    expect([0, 1, 2, 10].map(taskPollDelayMs)).toEqual([2000, 4000, 8000, 60_000]);
    expect(resultsPullDelayMs(0)).toBe(60_000);
    expect(resultsPullDelayMs(30)).toBe(6 * 3600_000);
  });

  it('titles a moment by its text, or its link', () => {
    expect(defaultTitle('  秋季\n新品  ', [])).toBe('秋季 新品');
    expect(defaultTitle('', [{ type: 'link', assetId: 'c', title: '链接标题', url: 'u' }])).toBe(
      '链接标题',
    );
  });
});
