/// <reference types="vite/client" />

import 'vue-router';
import type { Role } from '#/api/auth';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the menu and page title (e.g. `menu.channels`). */
    title?: string;
    /** Name of an `@element-plus/icons-vue` icon for the menu (see layouts/menu-icons.ts). */
    icon?: string;
    /** Roles allowed to open the route in the current corp; absent means every signed-in user. */
    roles?: Role[];
    /** Only installation-wide accounts (not those scoped to some corps). */
    installation?: boolean;
    /** Order in the side menu (ascending). */
    order?: number;
    /** Reachable without signing in (login, the first-run wizard). */
    public?: boolean;
    /** Not listed in the side menu. */
    hideInMenu?: boolean;
    /** Shown without the layout (login, the first-run wizard). */
    bare?: boolean;
  }
}
