import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/staff',
    name: 'Staff',
    component: () => import('#/views/staff/list.vue'),
    meta: {
      title: 'menu.staff',
      icon: 'UserFilled',
      order: 50,
      roles: ['admin', 'manager', 'viewer'],
    },
  },
];

export default routes;
