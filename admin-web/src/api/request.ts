import type { AxiosInstance } from 'axios';
import type { MessageOptions } from 'element-plus';
import { createRequestClient as createCoreClient } from '@scrm/web-shared/request';
import { t } from '#/locales';
import { useAuthStore } from '#/stores/auth';

export { ApiError, compactParams, toApiError, type ApiErrorBody } from '@scrm/web-shared/request';

type UnauthorizedHandler = () => void | Promise<void>;
let unauthorizedHandler: UnauthorizedHandler = () => {};
type ForbiddenHandler = (message: string) => void | Promise<void>;
let forbiddenHandler: ForbiddenHandler | null = null;

/**
 * What to do when the server refuses to show something (a 403 on a GET): the router registers
 * "open the 403 page with the server's sentence". Without it (tests), a toast says it.
 */
export function setForbiddenHandler(handler: ForbiddenHandler | null): void {
  forbiddenHandler = handler;
}

/**
 * What to do after a 401 has cleared the session; the router registers "go to /login"
 * (`router/guard.ts`), so this module does not import the router.
 */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  unauthorizedHandler = handler;
}

type MessageModule = typeof import('element-plus/es/components/message/index.mjs');
let messageModule: Promise<MessageModule> | null = null;

/**
 * Element Plus's toast. Its component is loaded the first time one is shown: the first screen
 * (the login form, the dashboard) does not carry it (its CSS is in main.ts).
 */
function toast(options: MessageOptions): void {
  messageModule ??= import('element-plus/es/components/message/index.mjs');
  void messageModule.then(({ ElMessage }) => ElMessage(options));
}

/** Shows an error as Element Plus's toast, once for the same text shown at once. */
export function showError(text: string): void {
  toast({ type: 'error', message: text, grouping: true, showClose: true });
}

/** The shared request core (web-shared) with the console's session, toast and language. */
export function createRequestClient(baseURL: string): AxiosInstance {
  return createCoreClient({
    baseURL,
    getToken: () => useAuthStore().accessToken,
    onUnauthorized: async () => {
      useAuthStore().clearSession();
      toast({ type: 'warning', message: t('auth.sessionEnded'), grouping: true });
      await unauthorizedHandler();
    },
    onError: (error, config) => {
      // a page the server will not show: the 403 page says why; a refused action: a toast
      const isRead = (config?.method ?? 'get').toLowerCase() === 'get';
      if (error.status === 403 && isRead && forbiddenHandler) void forbiddenHandler(error.message);
      else showError(error.message);
    },
    messages: () => ({
      network: () => t('errors.network'),
      status: (status) => t('errors.status', { status }),
    }),
  });
}

/** The one client for `/api`. */
export const requestClient = createRequestClient('/api');
