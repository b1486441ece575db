import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/groups',
    name: 'Groups',
    // Placeholder until the section's own views land.
    component: () => import('#/views/_core/coming-soon.vue'),
    meta: {
      title: 'Groups',
      order: 40,
      roles: ['admin', 'manager', 'viewer'],
      description: 'Customer groups with their owners, members and notices, as WeCom reports them.',
    },
  },
];

export default routes;
