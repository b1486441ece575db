import axios, {
  type AxiosInstance,
  type AxiosRequestConfig,
  type InternalAxiosRequestConfig,
} from 'axios';

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
    /** No error toast: the caller shows the error itself (a login form, a wizard step). */
    silent?: boolean;
    /** A 401 here is an answer, not an expired session (a wrong password, a used OAuth code). */
    skipAuthRedirect?: boolean;
  }
}

/** The sentences the core writes itself (each app passes them in its own language). */
export interface RequestMessages {
  /** The server could not be reached. */
  network: () => string;
  /** The server answered an error without the error body (a proxy's 502, say). */
  status: (status: number, statusText: string) => string;
}

export const ENGLISH_MESSAGES: RequestMessages = {
  network: () => 'The server cannot be reached. Try again shortly.',
  status: (status, statusText) => `The server answered ${status} ${statusText}`.trim(),
};

function isErrorBody(data: unknown): data is ApiErrorBody {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as ApiErrorBody).code === 'string' &&
    typeof (data as ApiErrorBody).message === 'string'
  );
}

/** Any failure (axios's, a thrown value) as an ApiError. */
export function toApiError(error: unknown, messages: RequestMessages = ENGLISH_MESSAGES): ApiError {
  if (error instanceof ApiError) return error;
  if (axios.isAxiosError(error)) {
    const { response } = error;
    if (!response) return new ApiError(0, 'NETWORK_ERROR', messages.network());
    if (isErrorBody(response.data)) {
      const body = response.data;
      return new ApiError(response.status, body.code, body.message, body.errors, body.requestId);
    }
    return new ApiError(
      response.status,
      `HTTP_${response.status}`,
      messages.status(response.status, response.statusText ?? ''),
    );
  }
  return new ApiError(0, 'UNKNOWN_ERROR', error instanceof Error ? error.message : String(error));
}

export interface RequestClientOptions {
  baseURL: string;
  /** Milliseconds; 15 s by default. */
  timeout?: number;
  /** The bearer token to send, if any (read on every request). */
  getToken: () => string | null | undefined;
  /**
   * A 401 on a request not marked `skipAuthRedirect`: the app clears its session and goes
   * back to sign-in. No toast is shown for it by the core.
   */
  onUnauthorized: (error: ApiError) => void | Promise<void>;
  /** Show an error to the user (a toast, a page), for requests not marked `silent`. */
  onError: (error: ApiError, config?: AxiosRequestConfig) => void;
  /** The core's own sentences (network down, a bare HTTP status). */
  messages?: () => RequestMessages;
}

/**
 * An axios client whose every failure rejects with an ApiError: a 401 ends the session through
 * `onUnauthorized`, anything else is shown through `onError` unless the request is `silent`.
 */
export function createRequestClient(options: RequestClientOptions): AxiosInstance {
  const client = axios.create({ baseURL: options.baseURL, timeout: options.timeout ?? 15_000 });

  client.interceptors.request.use((config: InternalAxiosRequestConfig) => {
    const token = options.getToken();
    if (token) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });

  client.interceptors.response.use(
    (response) => response,
    async (error: unknown) => {
      const apiError = toApiError(error, options.messages?.() ?? ENGLISH_MESSAGES);
      const config = axios.isAxiosError(error) ? error.config : undefined;
      if (apiError.status === 401 && !config?.skipAuthRedirect) {
        await options.onUnauthorized(apiError);
      } else if (!config?.silent) {
        options.onError(apiError, config);
      }
      throw apiError;
    },
  );

  return client;
}

/** Drops empty query values so they are not sent as `?q=`. */
export function compactParams<T extends object>(params: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(params).filter(
      ([, value]) => value !== undefined && value !== null && value !== '',
    ),
  ) as Partial<T>;
}
