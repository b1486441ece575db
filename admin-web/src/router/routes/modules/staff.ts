import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/staff',
    name: 'Staff',
    // Placeholder until the section's own views land.
    component: () => import('#/views/_core/coming-soon.vue'),
    meta: {
      title: 'Staff & inheritance',
      order: 50,
      roles: ['admin'],
      description:
        'Staff and departments, and the transfer of customers and groups from departed or active staff to a successor, followed to the end.',
    },
  },
];

export default routes;
