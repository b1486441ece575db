import { describe, expect, it } from 'vitest';
import type { CustomersApi } from '#/api/customers';
import { i18n, setLocale } from '#/locales';
import { groupedTags, timelineSentences } from '#/views/customers/timeline';

const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {});
const ctx = {
  staffName: (id: string | null | undefined) =>
    ({ lina: '李娜', wangfang: '王芳' })[id ?? ''] ?? id ?? '—',
  channelByState: (state: string | null | undefined) =>
    state === 'ch_jingan000001' ? '静安店柜台' : null,
};

const entry = (
  id: string,
  kind: string,
  occurredAt: string,
  detail: Record<string, unknown> | null = null,
  userId = 'lina',
): CustomersApi.TimelineEntry => ({ id, kind, userId, detail, occurredAt });

describe('the customer timeline as sentences', () => {
  it('a channel add and its welcome are one Chinese sentence, at the corp time', () => {
    const sentences = timelineSentences(
      [
        entry('1', 'added', '2026-12-01T06:05:00.000Z', { state: 'ch_jingan000001' }),
        entry('2', 'welcome_sent', '2026-12-01T06:05:02.000Z', {
          channelId: '7',
          channelName: '静安店柜台',
        }),
        entry('3', 'channel_added', '2026-12-01T06:05:01.000Z', {
          channelId: '7',
          channelName: '静安店柜台',
          tagIds: ['et1'],
        }),
      ],
      ctx,
      t,
    );
    expect(sentences.map((s) => `${s.time} ${s.text}`)).toEqual([
      '12-01 14:05 通过「静安店柜台」添加了 李娜，已发送欢迎语',
    ]);
  });

  it('an add without a channel entry names the channel by its state; skips say why', () => {
    const sentences = timelineSentences(
      [
        entry('1', 'added', '2026-11-30T01:00:00.000Z', { state: 'ch_jingan000001' }, 'wangfang'),
        entry('2', 'welcome_skipped', '2026-11-30T01:00:03.000Z', {
          channelId: '7',
          channelName: '静安店柜台',
          sentence: '员工已在企业微信后台配置了欢迎语。',
        }),
        entry('3', 'deleted_by_customer', '2026-11-30T02:00:00.000Z', null, 'wangfang'),
      ],
      ctx,
      t,
    );
    expect(sentences.map((s) => s.text)).toEqual([
      '客户删除了 王芳',
      '未发送「静安店柜台」的欢迎语：员工已在企业微信后台配置了欢迎语。',
      '通过「静安店柜台」添加了 王芳',
    ]);
  });

  it('writes tags and remarks, and in English after the switch', () => {
    const tagged = {
      ...entry('1', 'tag_added', '2026-12-01T00:00:00.000Z'),
      tags: [{ tagId: 'et1', name: '高意向' }],
    };
    expect(timelineSentences([tagged], ctx, t)[0]!.text).toBe('李娜 打上标签 「高意向」');
    // a bulk mark by an admin credits the admin; a chat rule and a channel say so
    const by = (detail: Record<string, unknown>) =>
      timelineSentences(
        [{ ...entry('3', 'tag_added', '2026-12-01T00:00:00.000Z', detail), tags: tagged.tags }],
        ctx,
        t,
      )[0]!.text;
    expect(by({ source: 'manual', actor: 'admin' })).toBe(
      'admin 打上标签 「高意向」（跟进人 李娜）',
    );
    expect(by({ source: 'manual', actor: 'lina' })).toBe('李娜 打上标签 「高意向」');
    expect(by({ source: 'chat_rule', actor: 'r1' })).toBe(
      '聊天规则打上标签 「高意向」（跟进人 李娜）',
    );
    expect(by({ source: 'wecom' })).toBe('李娜 在企业微信中打上标签 「高意向」');
    setLocale('en');
    expect(
      timelineSentences(
        [entry('2', 'remark_changed', '2026-12-01T00:00:00.000Z', { to: { remark: 'VIP' } })],
        ctx,
        t,
      )[0]!.text,
    ).toBe('李娜 set the remark to “VIP”');
  });
});

describe('tags grouped by tag group', () => {
  it('keeps one tag once per group with every source it came from', () => {
    const mark = (tagId: string, tagName: string, groupName: string, source: string) => ({
      tagId,
      tagName,
      groupId: groupName,
      groupName,
      source,
    });
    const groups = groupedTags({
      follows: [
        {
          userId: 'lina',
          staffName: '李娜',
          remark: '',
          status: 'active',
          state: null,
          addedAt: null,
          tags: [mark('et1', '高意向', '意向', 'channel'), mark('et2', '静安', '门店', 'channel')],
        },
        {
          userId: 'wangfang',
          staffName: '王芳',
          remark: '',
          status: 'active',
          state: null,
          addedAt: null,
          tags: [mark('et1', '高意向', '意向', 'manual')],
        },
      ],
    });
    expect(groups).toEqual([
      {
        groupId: '意向',
        name: '意向',
        tags: [
          {
            tagId: 'et1',
            name: '高意向',
            sources: ['channel', 'manual'],
            actors: [],
            bulk: false,
            evidence: [],
          },
        ],
      },
      {
        groupId: '门店',
        name: '门店',
        tags: [
          {
            tagId: 'et2',
            name: '静安',
            sources: ['channel'],
            actors: [],
            bulk: false,
            evidence: [],
          },
        ],
      },
    ]);
  });
});
