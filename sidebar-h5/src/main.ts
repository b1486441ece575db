import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app.vue';
import { createAppI18n } from './locales';
import { createAppRouter } from './router';
import { useSessionStore } from './stores/session';
import './styles/index.css';
import { setCorpTimeZone } from './utils/format';
import { bootstrap } from './wecom/bootstrap';

// Mount only once the guide and the chat are known: session, JS-SDK, context, then the page.
async function main() {
  const pinia = createPinia();
  const i18n = createAppI18n();
  const result = await bootstrap({ pinia });

  if (result.kind === 'redirect') {
    window.location.replace(result.url);
    return;
  }
  const router = createAppRouter();
  if (result.kind === 'error') {
    const detail = result.message;
    useSessionStore(pinia).setBootError(i18n.global.t(`boot.${result.reason}`, { detail }));
  } else {
    setCorpTimeZone(result.me.timeZone);
  }
  if (result.kind === 'error') {
    // the boot error page is shown
  } else if (result.chat.kind === 'customer') {
    await router.replace(`/customer/${encodeURIComponent(result.chat.externalUserId)}`);
  } else if (result.chat.kind === 'group') {
    await router.replace(`/group/${encodeURIComponent(result.chat.chatId)}`);
  } else {
    await router.replace('/none');
  }

  const app = createApp(App);
  app.use(pinia);
  app.use(i18n);
  app.use(router);
  app.mount('#app');
}

void main();
