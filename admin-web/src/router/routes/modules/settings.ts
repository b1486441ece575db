import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/settings',
    name: 'Settings',
    component: () => import('#/views/settings/index.vue'),
    meta: { title: 'menu.settings', icon: 'Setting', order: 90, roles: ['admin'] },
  },
];

export default routes;
