import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/channels',
    name: 'Channels',
    component: () => import('#/views/channels/list.vue'),
    meta: {
      title: 'Channels',
      order: 30,
      roles: ['admin', 'manager'],
      description:
        'Channel QR codes (contact ways) with a staff pool, assignment strategy, auto-tags and welcome message, and scans → adds → kept per channel.',
    },
  },
];

export default routes;
