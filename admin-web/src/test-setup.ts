// Component tests: every mounted component gets the console's i18n (zh-CN), as in the app.
import { config } from '@vue/test-utils';
import { afterEach } from 'vitest';
import { i18n, loadLocale, missingKeys, setLocale } from '#/locales';

config.global.plugins = [i18n];
// English loaded up front: a test's setLocale('en') switches at once, as it does in the app
// once English has been chosen
await loadLocale('en');
// Element Plus shows form errors inside a <transition-group>: render it for real
config.global.stubs = { ...config.global.stubs, 'transition-group': false };

afterEach(() => {
  setLocale('zh-CN');
  // a key a component asked for and the messages lack fails the test that rendered it
  const missing = missingKeys.splice(0);
  if (missing.length > 0) throw new Error(`missing i18n keys: ${missing.join(', ')}`);
});
