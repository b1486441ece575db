import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/broadcasts',
    name: 'Broadcasts',
    // Placeholder until the section's own views land.
    component: () => import('#/views/_core/coming-soon.vue'),
    meta: {
      title: 'Broadcasts',
      order: 60,
      roles: ['admin', 'manager'],
      description:
        'Group mass messages to customers by tag, staff or channel, or to customer groups, now or scheduled, with per-sender results, reminders and cancel.',
    },
  },
];

export default routes;
