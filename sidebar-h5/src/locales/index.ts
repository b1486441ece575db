import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN from './zh-CN';

/** Chinese first; English when the WebView's language is English. */
export function createAppI18n(language: string = navigator.language) {
  return createI18n({
    legacy: false,
    locale: language.toLowerCase().startsWith('en') ? 'en' : 'zh-CN',
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
  });
}
