/// <reference types="vite/client" />

import 'vue-router';
import type { Role } from '#/api/auth';

declare module 'vue-router' {
  interface RouteMeta {
    /** Menu and page title. */
    title?: string;
    /** Roles allowed to open the route; absent means every signed-in user. */
    roles?: Role[];
    /** Order in the sidebar menu (ascending). */
    order?: number;
    /** Shown on placeholder pages: what the section will do. */
    description?: string;
    /** Reachable without signing in (login). */
    public?: boolean;
    /** Not listed in the sidebar menu. */
    hideInMenu?: boolean;
  }
}
