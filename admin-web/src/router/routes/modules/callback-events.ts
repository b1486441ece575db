import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/callback-events',
    name: 'CallbackEvents',
    component: () => import('#/views/callback-events/list.vue'),
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
