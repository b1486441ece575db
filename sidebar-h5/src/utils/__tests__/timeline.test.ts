import { describe, expect, it } from 'vitest';
import type { SidebarApi } from '#/api/sidebar';
import { createAppI18n } from '#/locales';
import { timelineSentence } from '../timeline';

const i18n = createAppI18n('zh-CN');
const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {});
const names = { lina: '李娜' };
const tagEntry = (detail: Record<string, unknown>): SidebarApi.TimelineEntry =>
  ({
    id: '1',
    kind: 'tag_added',
    userId: 'lina',
    detail,
    occurredAt: '2026-12-01T06:00:00.000Z',
    tags: [{ tagId: 'et1', name: '高意向' }],
  }) as SidebarApi.TimelineEntry;

describe('the sidebar timeline credits who marked a tag', () => {
  it('the guide for their own mark, the admin for a console or bulk mark', () => {
    expect(timelineSentence(tagEntry({ source: 'manual', actor: 'lina' }), names, t)).toBe(
      '李娜 打上标签 「高意向」',
    );
    expect(timelineSentence(tagEntry({ source: 'manual', actor: 'admin' }), names, t)).toBe(
      'admin 打上标签 「高意向」（跟进人 李娜）',
    );
  });

  it('a chat rule, a channel code, or the WeCom app by name', () => {
    expect(timelineSentence(tagEntry({ source: 'chat_rule', actor: 'r1' }), names, t)).toBe(
      '聊天规则打上标签 「高意向」（跟进人 李娜）',
    );
    expect(timelineSentence(tagEntry({ source: 'channel' }), names, t)).toBe(
      '渠道活码打上标签 「高意向」（跟进人 李娜）',
    );
    expect(timelineSentence(tagEntry({ source: 'wecom' }), names, t)).toBe(
      '李娜 在企业微信中打上标签 「高意向」',
    );
  });
});
