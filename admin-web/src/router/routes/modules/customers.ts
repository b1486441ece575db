import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/customers',
    name: 'Customers',
    component: () => import('#/views/customers/list.vue'),
    meta: {
      title: 'Customers',
      order: 10,
      roles: ['admin', 'manager', 'viewer'],
      description:
        'Every external contact with their follow-up staff, source channel and tags, filtered by tags (any / all / none), staff, channel and date added.',
    },
  },
];

export default routes;
