import type { CorpCredentials } from '../corps/corp.service';

export const WECOM_MODULE_OPTIONS = Symbol('WECOM_MODULE_OPTIONS');

/** Where the WeCom transport reads a corp's decrypted credentials (CorpService in the app). */
export const WECOM_CREDENTIALS = Symbol('WECOM_CREDENTIALS');

export interface WecomCredentialsSource {
  credentials(corpId: string): Promise<CorpCredentials>;
}

export interface WecomModuleOptions {
  /** Prefix of every Redis key the module writes (tokens, tickets, locks, rate windows). */
  redisKeyPrefix: string;
  rateLimit: {
    /** Calls per corp per API path per minute. WeCom allows 10,000 (DW 90454). */
    perMinute: number;
    /** Calls per corp per API path per hour. WeCom allows 150,000 (DW 90454). */
    perHour: number;
  };
  retry: {
    /** Total attempts for retryable failures (-1, 45009, 45011, 45033, network on reads). */
    attempts: number;
    /** First backoff delay; doubles on each further attempt (plus up to 20 % jitter). */
    baseDelayMs: number;
  };
  /** Seconds taken off expires_in when caching access_tokens and JS-SDK tickets. */
  tokenSafetyMarginSeconds: number;
  /** How long a process may hold the refresh lock of one token before others take over. */
  refreshLockMs: number;
  /** How long decrypted corp credentials are kept in memory. */
  credentialsCacheMs: number;
  /** How long a process keeps an access_token or ticket read from Redis in memory. */
  localCacheMs: number;
  /** Re-reads shared between callback handlers (RecentReads). */
  recentReads: {
    /** How long a finished read is kept in Redis for later events of the same object. */
    ttlMs: number;
    /** Clock difference allowed between the API (stamps events) and workers (stamp reads). */
    skewMs: number;
  };
}

export const DEFAULT_WECOM_OPTIONS: WecomModuleOptions = {
  redisKeyPrefix: 'wecom:',
  rateLimit: { perMinute: 9000, perHour: 140000 },
  retry: { attempts: 3, baseDelayMs: 500 },
  tokenSafetyMarginSeconds: 300,
  refreshLockMs: 20000,
  credentialsCacheMs: 30000,
  localCacheMs: 10000,
  recentReads: { ttlMs: 30000, skewMs: 0 },
};

export type WecomModuleOptionsInput = {
  [K in keyof WecomModuleOptions]?: WecomModuleOptions[K] extends object
    ? Partial<WecomModuleOptions[K]>
    : WecomModuleOptions[K];
};

export function resolveWecomOptions(input: WecomModuleOptionsInput = {}): WecomModuleOptions {
  return {
    ...DEFAULT_WECOM_OPTIONS,
    ...input,
    rateLimit: { ...DEFAULT_WECOM_OPTIONS.rateLimit, ...input.rateLimit },
    retry: { ...DEFAULT_WECOM_OPTIONS.retry, ...input.retry },
    recentReads: { ...DEFAULT_WECOM_OPTIONS.recentReads, ...input.recentReads },
  } as WecomModuleOptions;
}
