import type { RouteRecordRaw } from 'vue-router';

/** The corp tag library, bulk tag jobs and imports: every role reads, managers change. */
const routes: RouteRecordRaw[] = [
  {
    path: '/tags',
    name: 'Tags',
    component: () => import('#/views/tags/index.vue'),
    meta: {
      title: 'tags.menu',
      icon: 'PriceTag',
      order: 25,
      roles: ['admin', 'manager', 'viewer'],
    },
  },
];

export default routes;
