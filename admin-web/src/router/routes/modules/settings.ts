import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/settings',
    name: 'Settings',
    // Placeholder until the section's own views land.
    component: () => import('#/views/_core/coming-soon.vue'),
    meta: {
      title: 'Settings',
      order: 90,
      roles: ['admin'],
      description:
        "The corp's WeCom credentials (corp id, agent, secrets, callback token and AES key) and console users.",
    },
  },
];

export default routes;
