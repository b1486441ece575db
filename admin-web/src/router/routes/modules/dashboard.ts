import type { RouteRecordRaw } from 'vue-router';
import { prefetchDashboard } from '#/views/dashboard/prefetch';

const routes: RouteRecordRaw[] = [
  {
    path: '/dashboard',
    name: 'Dashboard',
    // its first screen is the numbers; the charts (ECharts) load after they are drawn
    component: () => import('#/views/dashboard/index.vue'),
    // its numbers are asked for while the layout and the page are drawn
    beforeEnter: () => prefetchDashboard(),
    meta: { title: 'menu.dashboard', icon: 'DataAnalysis', order: 0 },
  },
];

export default routes;
