import type { RouteRecordRaw } from 'vue-router';

/** The first-run wizard: without the layout, open before anyone can sign in. */
const routes: RouteRecordRaw[] = [
  {
    path: '/setup',
    name: 'Setup',
    component: () => import('#/views/setup/wizard.vue'),
    meta: { title: 'setup.title', public: true, bare: true, hideInMenu: true },
  },
];

export default routes;
