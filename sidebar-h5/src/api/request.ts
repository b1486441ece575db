import axios, { type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { showFailToast } from 'vant';
import 'vant/es/toast/style';
import { useSessionStore } from '#/stores/session';

/** The server's error body: `{ code, message, errors?, requestId }`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  errors?: Record<string, string[]>;
  requestId: string;
}

/** Every failed request rejects with this, whatever went wrong. */
export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: Record<string, string[]> = {},
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /** No error toast: the caller shows the error itself. */
    silent?: boolean;
    /** A 401 here is an answer, not an expired session (e.g. a used OAuth code). */
    skipAuthRedirect?: boolean;
  }
}

function isErrorBody(data: unknown): data is ApiErrorBody {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as ApiErrorBody).code === 'string' &&
    typeof (data as ApiErrorBody).message === 'string'
  );
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (axios.isAxiosError(error)) {
    const response = error.response;
    if (!response)
      return new ApiError(0, 'NETWORK_ERROR', 'The server cannot be reached. Try again shortly.');
    if (isErrorBody(response.data)) {
      const body = response.data;
      return new ApiError(response.status, body.code, body.message, body.errors, body.requestId);
    }
    return new ApiError(
      response.status,
      `HTTP_${response.status}`,
      `The server answered ${response.status}`,
    );
  }
  return new ApiError(0, 'UNKNOWN_ERROR', error instanceof Error ? error.message : String(error));
}

type UnauthorizedHandler = () => void | Promise<void>;
// Default: start over; with no session, bootstrap goes through OAuth again.
let unauthorizedHandler: UnauthorizedHandler = () => window.location.reload();

/** What to do after a 401 has cleared the session (tests replace it). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  unauthorizedHandler = handler;
}

export function createRequestClient(baseURL: string): AxiosInstance {
  const client = axios.create({ baseURL, timeout: 10_000 });

  client.interceptors.request.use((config: InternalAxiosRequestConfig) => {
    const token = useSessionStore().token;
    if (token) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });

  client.interceptors.response.use(
    (response) => response,
    async (error: unknown) => {
      const apiError = toApiError(error);
      const config = axios.isAxiosError(error) ? error.config : undefined;
      if (apiError.status === 401 && !config?.skipAuthRedirect) {
        useSessionStore().clearSession();
        await unauthorizedHandler();
      } else if (!config?.silent) {
        showFailToast(apiError.message);
      }
      throw apiError;
    },
  );

  return client;
}

/** The one client for `/api`. */
export const requestClient = createRequestClient('/api');
