import type { RouteRecordRaw } from 'vue-router';

const roles: RouteRecordRaw['meta'] = { roles: ['admin', 'manager'] };

const routes: RouteRecordRaw[] = [
  {
    path: '/channels',
    name: 'Channels',
    component: () => import('#/views/channels/list.vue'),
    meta: { title: 'menu.channels', icon: 'Postcard', order: 30, ...roles },
  },
  {
    path: '/channels/new',
    name: 'ChannelCreate',
    component: () => import('#/views/channels/form.vue'),
    meta: { title: 'channelForm.createTitle', hideInMenu: true, ...roles },
  },
  {
    path: '/channels/:id(\\d+)/edit',
    name: 'ChannelEdit',
    component: () => import('#/views/channels/form.vue'),
    meta: { title: 'channelForm.editTitle', hideInMenu: true, ...roles },
  },
];

export default routes;
