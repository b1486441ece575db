import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transformWithEsbuild } from 'vite';
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { precompileMessagesSource } from '@scrm/web-shared/build/precompile-messages';

// The build's precompiled messages (web-shared/build/precompile-messages.ts) say what the strings say.
const source = `
import { fooZhCN } from './foo';
export const barZhCN = {
  plain: '查询',
  named: '已重新处理 {n} 个事件',
  plural: 'no car | one car | {n} cars',
  linked: '@:plain 一下',
  quoted: \`模板\`,
  nested: { deeper: { leaf: '李娜（{name}）' } },
  foo: fooZhCN,
};
export default { bar: barZhCN };
`;

/** Evaluates the transformed module's `barZhCN` object (its import stubbed). */
function evaluate(code: string): Record<string, unknown> {
  const body = code
    .replace(/^import .*$/m, 'const fooZhCN = {};')
    .replace('export const barZhCN =', 'const barZhCN =')
    .replace(/export default [^;]*;/, 'return barZhCN;');
  return new Function(body)() as Record<string, unknown>;
}

describe('precompiled messages', () => {
  it('format exactly as the runtime-compiled strings do', () => {
    const compiled = evaluate(precompileMessagesSource(source, 'src/locales/bar.ts'));
    expect(typeof compiled.plain).toBe('object'); // an AST, not a string any more
    type Translator = { global: { t: (key: string, ...args: unknown[]) => string } };
    const create = createI18n as unknown as (options: object) => Translator;
    const i18nOf = (messages: Record<string, unknown>) =>
      create({ legacy: false, locale: 'zh', messages: { zh: messages } });
    const strings = i18nOf(evaluate(source));
    const asts = i18nOf(compiled);
    const cases: [string, Record<string, unknown>?, number?][] = [
      ['plain'],
      ['named', { n: 3 }],
      ['plural', { n: 5 }, 5],
      ['plural', {}, 1],
      ['linked'],
      ['quoted'],
      ['nested.deeper.leaf', { name: 'x' }],
    ];
    for (const [key, params = {}, plural] of cases) {
      const expected =
        plural === undefined
          ? strings.global.t(key, params)
          : strings.global.t(key, params, plural);
      const actual =
        plural === undefined ? asts.global.t(key, params) : asts.global.t(key, params, plural);
      expect(actual, key).toBe(expected);
    }
    expect(asts.global.t('named', { n: 3 })).toBe('已重新处理 3 个事件');
  });

  it('a message vue-i18n cannot parse fails the build with its file and key', () => {
    expect(() =>
      precompileMessagesSource(`export default { a: { b: '未闭合 {name' } };`, 'src/locales/x.ts'),
    ).toThrow(/src\/locales\/x\.ts: a\.b/);
  });

  it('compiles the real locale files (TypeScript stripped, as in the build)', async () => {
    // a section's Chinese and its English (two files: the entry carries the Chinese only)
    for (const file of ['zh-CN.ts', 'en.ts', 'setup.ts', 'setup.en.ts', 'tags.ts', 'tags.en.ts']) {
      const path = resolve(__dirname, '..', file);
      const { code } = await transformWithEsbuild(readFileSync(path, 'utf8'), path);
      const out = precompileMessagesSource(code, file);
      // every `key: 'text'` became `key: {"t":0,…}`
      expect(out, file).not.toMatch(/^\s*[\w$]+:\s*["'`]/m);
      expect(out.match(/\{"t":0,/g)?.length ?? 0, file).toBeGreaterThanOrEqual(10);
    }
  });

  it('compile a shared module’s exported *_MESSAGES objects only, not its other literals', () => {
    const shared = `
export const MARK_MESSAGES = { zh: { added: { staff: '{staff} 打上标签 {tags}' } } };
export const kinds = { staff: 'staff' };
export function by() { return { by: 'staff' }; }
`;
    const code = precompileMessagesSource(shared, 'web-shared/src/marks.ts', /_MESSAGES$/);
    const mod = new Function(
      code.replace(/export /g, '') + 'return { MARK_MESSAGES, kinds, by: by() };',
    )() as { MARK_MESSAGES: { zh: { added: object } }; kinds: object; by: object };
    expect(mod.kinds).toEqual({ staff: 'staff' });
    expect(mod.by).toEqual({ by: 'staff' });
    type Translator = { global: { t: (key: string, ...args: unknown[]) => string } };
    const i18n = (createI18n as unknown as (options: object) => Translator)({
      legacy: false,
      locale: 'zh',
      messages: { zh: { timeline: mod.MARK_MESSAGES.zh } },
    });
    expect(typeof (mod.MARK_MESSAGES.zh.added as { staff: unknown }).staff).toBe('object');
    expect(i18n.global.t('timeline.added.staff', { staff: '张伟', tags: '「VIP」' })).toBe(
      '张伟 打上标签 「VIP」',
    );
  });
});
