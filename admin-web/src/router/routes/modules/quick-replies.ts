import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/quick-replies',
    name: 'QuickReplies',
    component: () => import('#/views/quick-replies/index.vue'),
    meta: {
      title: 'quickReplies.title',
      icon: 'Notebook',
      order: 39.5,
      roles: ['admin', 'manager'],
    },
  },
];

export default routes;
