import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '#/views/callback-events/data';
import { i18n, LOCALE_KEY, currentLocale, setLocale } from '#/locales';
import en from '#/locales/en';
import zhCN from '#/locales/zh-CN';

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`),
  );
}

describe('locales', () => {
  it('Chinese and English have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('every message compiles in both languages (no stray {, |, @ that vue-i18n would parse)', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      setLocale(locale);
      for (const key of keys(zhCN)) {
        const text = i18n.global.t(key, { n: 1, max: 1, name: 'x', status: 500 });
        expect(text, `${locale}:${key}`).not.toBe(key);
        expect(text, `${locale}:${key}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('Chinese first, the switch remembered', () => {
    expect(currentLocale.value).toBe('zh-CN');
    setLocale('en');
    expect(localStorage.getItem(LOCALE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('every WeCom event type of the selects has a label', () => {
    for (const [event, changes] of Object.entries(EVENT_TYPES)) {
      expect(i18n.global.te(`events.types.${event}._`, 'zh-CN')).toBe(true);
      for (const change of changes) {
        expect(i18n.global.te(`events.types.${event}.${change}`, 'zh-CN'), change).toBe(true);
      }
    }
  });
});
