import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/callback-events',
    name: 'CallbackEvents',
    component: () => import('#/views/callback-events/list.vue'),
    meta: { title: 'menu.callbackEvents', icon: 'Connection', order: 80, roles: ['admin'] },
  },
];

export default routes;
