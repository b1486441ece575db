import type { AxiosInstance } from 'axios';
import { showFailToast } from 'vant';
import 'vant/es/toast/style';
import { createRequestClient as createCoreClient } from '@scrm/web-shared/request';
import { useSessionStore } from '#/stores/session';

export { ApiError, toApiError, type ApiErrorBody } from '@scrm/web-shared/request';

type UnauthorizedHandler = () => void | Promise<void>;
// Default: start over; with no session, bootstrap goes through OAuth again.
let unauthorizedHandler: UnauthorizedHandler = () => window.location.reload();

/** What to do after a 401 has cleared the session (tests replace it). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  unauthorizedHandler = handler;
}

/** The shared request core (web-shared) with the sidebar's session and Vant's toast. */
export function createRequestClient(baseURL: string): AxiosInstance {
  return createCoreClient({
    baseURL,
    timeout: 10_000,
    getToken: () => useSessionStore().token,
    onUnauthorized: async () => {
      useSessionStore().clearSession();
      await unauthorizedHandler();
    },
    onError: (error) => showFailToast(error.message),
  });
}

/** The one client for `/api`. */
export const requestClient = createRequestClient('/api');
