import type { RouteRecordRaw } from 'vue-router';

const roles: RouteRecordRaw['meta'] = { roles: ['admin', 'manager'] };

const routes: RouteRecordRaw[] = [
  {
    path: '/broadcasts',
    name: 'Broadcasts',
    component: () => import('#/views/broadcasts/list.vue'),
    meta: { title: 'broadcasts.menu', icon: 'Promotion', order: 35, ...roles },
  },
  {
    path: '/broadcasts/new',
    name: 'BroadcastCompose',
    component: () => import('#/views/broadcasts/compose.vue'),
    meta: { title: 'broadcasts.composeTitle', hideInMenu: true, ...roles },
  },
  {
    path: '/broadcasts/settings',
    name: 'BroadcastSettings',
    component: () => import('#/views/broadcasts/settings.vue'),
    meta: { title: 'broadcasts.settings.title', hideInMenu: true, ...roles },
  },
  {
    path: '/broadcasts/:id(\\d+)',
    name: 'BroadcastResults',
    component: () => import('#/views/broadcasts/results.vue'),
    meta: { title: 'broadcasts.resultsTitle', hideInMenu: true, ...roles },
  },
];

export default routes;
