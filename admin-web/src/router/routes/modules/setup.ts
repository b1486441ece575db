import type { RouteRecordRaw } from 'vue-router';

/** The first-run wizard: without the layout, open before anyone can sign in. */
const routes: RouteRecordRaw[] = [
  {
    path: '/setup',
    name: 'Setup',
    component: () => import('#/views/setup/wizard.vue'),
    meta: { title: 'setup.title', public: true, bare: true, hideInMenu: true },
  },
  {
    // WeCom's web login comes back here (the redirect_uri of GET /api/auth/wecom/login-url)
    path: '/login/wecom',
    name: 'WecomLogin',
    component: () => import('#/views/setup/wecom-callback.vue'),
    meta: { title: 'setup.wecomLogin.button', public: true, bare: true, hideInMenu: true },
  },
];

export default routes;
