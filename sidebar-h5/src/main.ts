import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app.vue';
import { createAppRouter } from './router';
import { useSessionStore } from './stores/session';
import './styles/index.css';
import { bootstrap } from './wecom/bootstrap';

// Mount only once the guide is known (vue-tpl order: identity, then SDK, then the app).
async function main() {
  const pinia = createPinia();
  const result = await bootstrap({ pinia });

  if (result.kind === 'redirect') {
    window.location.replace(result.url);
    return;
  }
  if (result.kind === 'error') useSessionStore(pinia).setBootError(result.message);

  const app = createApp(App);
  app.use(pinia);
  app.use(createAppRouter());
  app.mount('#app');
}

void main();
