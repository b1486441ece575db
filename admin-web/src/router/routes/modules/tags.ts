import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/tags',
    name: 'Tags',
    // Placeholder until the section's own views land.
    component: () => import('#/views/_core/coming-soon.vue'),
    meta: {
      title: 'Tags & chat rules',
      order: 20,
      roles: ['admin', 'manager', 'viewer'],
      description:
        'Corp tag groups and tags, kept in sync with WeCom both ways, and keyword rules that tag customers from archived chat messages.',
    },
  },
];

export default routes;
