import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/channels',
    name: 'Channels',
    component: () => import('#/views/channels/list.vue'),
    meta: { title: 'menu.channels', icon: 'Postcard', order: 30, roles: ['admin', 'manager'] },
  },
];

export default routes;
