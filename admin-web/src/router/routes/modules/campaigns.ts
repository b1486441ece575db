import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/campaigns',
    name: 'Campaigns',
    component: () => import('#/views/campaigns/calendar.vue'),
    meta: { title: 'campaigns.title', icon: 'Calendar', order: 38, roles: ['admin', 'manager'] },
  },
];

export default routes;
