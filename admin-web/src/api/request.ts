import axios, {
  AxiosError,
  type AxiosInstance,
  type AxiosRequestConfig,
  type InternalAxiosRequestConfig,
} from 'axios';
import { useMessage } from '#/composables/use-message';
import { useAuthStore } from '#/stores/auth';

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
    /** Do not show the error toast; the caller shows the error itself (e.g. the login form). */
    silent?: boolean;
    /** A 401 here is an answer, not an expired session (e.g. wrong password on login). */
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
    const { response } = error as AxiosError<unknown>;
    if (!response) {
      return new ApiError(0, 'NETWORK_ERROR', 'The server cannot be reached. Try again shortly.');
    }
    if (isErrorBody(response.data)) {
      const body = response.data;
      return new ApiError(response.status, body.code, body.message, body.errors, body.requestId);
    }
    return new ApiError(
      response.status,
      `HTTP_${response.status}`,
      `The server answered ${response.status} ${response.statusText}`.trim(),
    );
  }
  return new ApiError(0, 'UNKNOWN_ERROR', error instanceof Error ? error.message : String(error));
}

type UnauthorizedHandler = () => void | Promise<void>;
let unauthorizedHandler: UnauthorizedHandler = () => {};

/**
 * What to do after a 401 has cleared the session; the router registers "go to /login"
 * (`router/guard.ts`), so this module does not import the router.
 */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  unauthorizedHandler = handler;
}

export function createRequestClient(baseURL: string): AxiosInstance {
  const client = axios.create({ baseURL, timeout: 15_000 });

  client.interceptors.request.use((config: InternalAxiosRequestConfig) => {
    const token = useAuthStore().accessToken;
    if (token) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });

  client.interceptors.response.use(
    (response) => response,
    async (error: unknown) => {
      const apiError = toApiError(error);
      const config: AxiosRequestConfig | undefined = axios.isAxiosError(error)
        ? error.config
        : undefined;

      if (apiError.status === 401 && !config?.skipAuthRedirect) {
        useAuthStore().clearSession();
        useMessage().error('Your session has ended. Please sign in again.');
        await unauthorizedHandler();
      } else if (!config?.silent) {
        useMessage().error(apiError.message);
      }
      throw apiError;
    },
  );

  return client;
}

/** The one client for `/api`. */
export const requestClient = createRequestClient('/api');
