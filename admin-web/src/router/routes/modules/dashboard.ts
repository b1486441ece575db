import type { RouteRecordRaw } from 'vue-router';
import { preloadCharts } from '#/components/charts';

const routes: RouteRecordRaw[] = [
  {
    path: '/dashboard',
    name: 'Dashboard',
    // its charts' chunk (ECharts) loads alongside the page's, not after its numbers
    component: () => {
      preloadCharts();
      return import('#/views/dashboard/index.vue');
    },
    meta: { title: 'menu.dashboard', icon: 'DataAnalysis', order: 0 },
  },
];

export default routes;
