import { createPinia } from 'pinia';
import { createApp } from 'vue';
import 'element-plus/theme-chalk/base.css';
// the services ElMessage / ElMessageBox are auto-imported; their CSS is not (nor the overlay's,
// without which a confirm box opens under the page on a page with no dialog or drawer)
import 'element-plus/theme-chalk/el-message.css';
import 'element-plus/theme-chalk/el-message-box.css';
import 'element-plus/theme-chalk/el-overlay.css';
import App from './app.vue';
import { i18n, restoreLocale } from './locales';
import { router } from './router';
import './styles/index.css';

async function bootstrap() {
  await restoreLocale();
  const app = createApp(App);
  app.use(createPinia());
  app.use(i18n);
  app.use(router);
  await router.isReady();
  app.mount('#app');
}

void bootstrap();
