import { requestClient } from './request';

export namespace HealthApi {
  export type Status = 'ok' | 'error' | 'shutting_down';

  export interface Indicator {
    status: 'up' | 'down';
    message?: string;
    [key: string]: unknown;
  }

  /** @nestjs/terminus health check result. */
  export interface Readiness {
    status: Status;
    info?: Record<string, Indicator>;
    error?: Record<string, Indicator>;
    details?: Record<string, Indicator>;
  }
}

/**
 * `GET /health/ready` (outside `/api`). Terminus answers 503 with the same body when a
 * dependency is down, so 503 is a result here, not an error.
 */
export async function getReadinessApi(): Promise<HealthApi.Readiness> {
  const { data } = await requestClient.get<HealthApi.Readiness>('/health/ready', {
    baseURL: '/',
    silent: true,
    validateStatus: (status) => status === 200 || status === 503,
  });
  return data;
}

/** Every indicator in a readiness result, by name (database, redis, ...). */
export function readinessIndicators(
  readiness: HealthApi.Readiness,
): Record<string, HealthApi.Indicator> {
  return readiness.details ?? { ...readiness.info, ...readiness.error };
}
