import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/dashboard',
    name: 'Dashboard',
    // its first screen is the numbers; the charts (ECharts) load after they are drawn
    component: () => import('#/views/dashboard/index.vue'),
    meta: { title: 'menu.dashboard', icon: 'DataAnalysis', order: 0 },
  },
];

export default routes;
