import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/callback-events',
    name: 'CallbackEvents',
    // Placeholder until the section's own views land.
    component: () => import('#/views/_core/coming-soon.vue'),
    meta: {
      title: 'Callback events',
      order: 80,
      roles: ['admin'],
      description:
        'The log of WeCom callback events with their processing state, for inspecting and replaying failures.',
    },
  },
];

export default routes;
