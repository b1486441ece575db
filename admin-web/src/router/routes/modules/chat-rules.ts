import type { RouteRecordRaw } from 'vue-router';

const roles: RouteRecordRaw['meta'] = { roles: ['admin', 'manager'] };

const routes: RouteRecordRaw[] = [
  {
    path: '/chat-rules',
    name: 'ChatRules',
    component: () => import('#/views/chat-rules/list.vue'),
    meta: { title: 'chat.menuTitle', icon: 'ChatLineSquare', order: 35, ...roles },
  },
  {
    path: '/chat-rules/new',
    name: 'ChatRuleCreate',
    component: () => import('#/views/chat-rules/editor.vue'),
    meta: { title: 'chat.createTitle', hideInMenu: true, ...roles },
  },
  {
    path: '/chat-rules/:id(\\d+)',
    name: 'ChatRuleEdit',
    component: () => import('#/views/chat-rules/editor.vue'),
    meta: { title: 'chat.editTitle', hideInMenu: true, ...roles },
  },
];

export default routes;
