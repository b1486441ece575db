import type { RouteRecordRaw } from 'vue-router';

const modules = import.meta.glob<{ default: RouteRecordRaw[] }>('./modules/*.ts', {
  eager: true,
});

/** Routes shown without the layout (a module's route with `meta.bare`, e.g. the wizard). */
const allModuleRoutes = Object.values(modules).flatMap((module) => module.default);

/** The menu sections, one file per section in `./modules`, ordered by `meta.order`. */
export const sectionRoutes: RouteRecordRaw[] = allModuleRoutes
  .filter((route) => !route.meta?.bare)
  .sort((a, b) => (a.meta?.order ?? 0) - (b.meta?.order ?? 0));

export const bareRoutes: RouteRecordRaw[] = allModuleRoutes.filter((route) => route.meta?.bare);

export const LOGIN_PATH = '/login';
export const HOME_PATH = '/dashboard';

export const routes: RouteRecordRaw[] = [
  {
    path: LOGIN_PATH,
    name: 'Login',
    component: () => import('#/views/_core/login.vue'),
    meta: { title: 'login.title', public: true, hideInMenu: true, bare: true },
  },
  ...bareRoutes,
  {
    path: '/',
    name: 'Root',
    // lazy: the login page (the first screen of a signed-out user) does not load the layout
    component: () => import('#/layouts/basic-layout.vue'),
    redirect: HOME_PATH,
    children: [
      ...sectionRoutes,
      {
        path: '/403',
        name: 'Forbidden',
        component: () => import('#/views/_core/forbidden.vue'),
        meta: { title: 'forbidden.title', hideInMenu: true },
      },
      {
        path: '/:pathMatch(.*)*',
        name: 'NotFound',
        component: () => import('#/views/_core/not-found.vue'),
        meta: { title: 'notFound.title', hideInMenu: true },
      },
    ],
  },
];
