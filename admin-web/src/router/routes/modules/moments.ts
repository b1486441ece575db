import type { RouteRecordRaw } from 'vue-router';

const roles: RouteRecordRaw['meta'] = { roles: ['admin', 'manager'] };

const routes: RouteRecordRaw[] = [
  {
    path: '/moments',
    name: 'Moments',
    component: () => import('#/views/moments/list.vue'),
    meta: { title: 'moments.listTitle', icon: 'Picture', order: 36, ...roles },
  },
  {
    path: '/moments/new',
    name: 'MomentCreate',
    component: () => import('#/views/moments/form.vue'),
    meta: { title: 'moments.createTitle', hideInMenu: true, ...roles },
  },
  {
    path: '/moments/:id(\\d+)/edit',
    name: 'MomentEdit',
    component: () => import('#/views/moments/form.vue'),
    meta: { title: 'moments.editTitle', hideInMenu: true, ...roles },
  },
  {
    path: '/moments/:id(\\d+)',
    name: 'MomentDetail',
    component: () => import('#/views/moments/detail.vue'),
    meta: { title: 'moments.detailTitle', hideInMenu: true, ...roles },
  },
];

export default routes;
