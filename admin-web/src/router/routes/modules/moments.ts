import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/moments',
    name: 'Moments',
    // Placeholder until the section's own views land.
    component: () => import('#/views/_core/coming-soon.vue'),
    meta: {
      title: 'Moments',
      order: 70,
      roles: ['admin', 'manager'],
      description:
        'Moments posts with visibility by staff and tags, scheduled, with their results.',
    },
  },
];

export default routes;
