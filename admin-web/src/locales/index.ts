import { computed, shallowRef } from 'vue';
import { createI18n } from 'vue-i18n';
import type { Language } from 'element-plus/es/locale';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import { setDateLocale } from '#/utils/time';
import zhCN, { type MessageSchema } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_KEY = 'scrm.admin.locale';

/** Each locale's name, written in that locale (the header's switch). */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

function storedLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/**
 * Keys asked for but missing from the messages, as `locale:key`. The browser tests read it
 * (`window.__scrmMissingI18n`) and fail on any; the console also logs each one as an error.
 */
export const missingKeys: string[] = [];

/** The language chosen last time (English is loaded by `restoreLocale` before the app mounts). */
const initialLocale = storedLocale();

export const i18n = createI18n({
  legacy: false,
  locale: DEFAULT_LOCALE,
  // no fallback: a key missing in English is as visible as one missing in Chinese
  fallbackLocale: false,
  // English is loaded when chosen (its own chunk: the first screen carries one language)
  messages: { 'zh-CN': zhCN } as Record<Locale, MessageSchema>,
  missingWarn: false,
  fallbackWarn: false,
  missing: (locale, key) => {
    const entry = `${locale}:${key}`;
    if (!missingKeys.includes(entry)) {
      missingKeys.push(entry);
      console.error(`[i18n] missing key "${key}" in ${locale}`);
    }
    return key;
  },
});

if (typeof window !== 'undefined') {
  (window as unknown as { __scrmMissingI18n: string[] }).__scrmMissingI18n = missingKeys;
}

function applyLocale(locale: Locale): void {
  setDateLocale(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
applyLocale(i18n.global.locale.value as Locale);

export const currentLocale = computed<Locale>(() => i18n.global.locale.value as Locale);

/** Element Plus's texts per locale, as loaded. */
const elementLocales = shallowRef<Partial<Record<Locale, Language>>>({ 'zh-CN': elementZhCn });

/** Element Plus's own texts (pagination, date picker, empty table) in the console's locale. */
export const elementLocale = computed(
  () => elementLocales.value[currentLocale.value] ?? elementZhCn,
);

/** Loads a locale's messages (English: its chunk, once). */
export async function loadLocale(locale: Locale): Promise<void> {
  if (locale !== 'en' || i18n.global.availableLocales.includes('en')) return;
  const [{ default: en }, { default: elementEn }] = await Promise.all([
    import('./en'),
    import('element-plus/es/locale/lang/en'),
  ]);
  i18n.global.setLocaleMessage('en', en);
  elementLocales.value = { ...elementLocales.value, en: elementEn };
}

function useLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  applyLocale(locale);
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/**
 * Switches the console's language and remembers the choice: at once when its messages are
 * loaded (Chinese always is), else once they are.
 */
export function setLocale(locale: Locale): Promise<void> {
  if (i18n.global.availableLocales.includes(locale)) {
    useLocale(locale);
    return Promise.resolve();
  }
  return loadLocale(locale).then(() => useLocale(locale));
}

/** Before the app mounts: the language chosen last time, its messages loaded. */
export function restoreLocale(): Promise<void> {
  return initialLocale === DEFAULT_LOCALE ? Promise.resolve() : setLocale(initialLocale);
}

/** `t` outside components (stores, the request core, the router). */
export const t: typeof i18n.global.t = i18n.global.t;
