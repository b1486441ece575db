import { registerAs } from '@nestjs/config';
import { AppMode, Env, validateEnv } from './env.validation';

let cached: Env | undefined;

/** The validated environment, read once per process. */
export function loadEnv(): Env {
  cached ??= validateEnv(process.env);
  return cached;
}

/** Tests change process.env between app boots; this forgets the cached copy. */
export function resetEnvCache(): void {
  cached = undefined;
}

export const appConfig = registerAs('app', () => {
  const env = loadEnv();
  return {
    nodeEnv: env.NODE_ENV,
    mode: env.APP_MODE,
    runsWorker: env.APP_MODE === AppMode.Worker || env.APP_MODE === AppMode.All,
    runsApi: env.APP_MODE === AppMode.Api || env.APP_MODE === AppMode.All,
    port: env.PORT,
    publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL,
    swaggerEnabled: env.SWAGGER_ENABLED,
    syncOnCorpCreate: env.SYNC_ON_CORP_CREATE,
    exportDir: env.EXPORT_DIR,
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = loadEnv();
  return {
    host: env.DB_HOST,
    port: env.DB_PORT,
    username: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
    poolSize: env.DB_POOL_SIZE,
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    acquireTimeoutMs: env.DB_ACQUIRE_TIMEOUT_MS,
    poolQueueLimit: env.DB_POOL_QUEUE_LIMIT,
    queryTimeoutMs: env.DB_QUERY_TIMEOUT_MS,
  };
});

/** `host:port,host:port` → the nodes (empty: a single Redis). */
export function parseClusterNodes(
  value: string | undefined,
): Array<{ host: string; port: number }> {
  return (value ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((n) => {
      const at = n.lastIndexOf(':');
      return { host: n.slice(0, at), port: Number(n.slice(at + 1)) };
    });
}

/**
 * Bull's prefix: on Redis Cluster every key of a queue must hash to one slot, so the prefix is a
 * hash tag (`scrm` → `{scrm}`) unless it already holds one.
 */
export function queuePrefix(prefix: string, cluster: boolean): string {
  return cluster && !/\{[^}]+\}/.test(prefix) ? `{${prefix}}` : prefix;
}

export const redisConfig = registerAs('redis', () => {
  const env = loadEnv();
  return {
    host: env.REDIS_HOST,
    port: env.REDIS_PORT,
    password: env.REDIS_PASSWORD || undefined,
    db: env.REDIS_DB,
    /** Redis Cluster's nodes (REDIS_CLUSTER_NODES); empty for a single Redis. */
    clusterNodes: parseClusterNodes(env.REDIS_CLUSTER_NODES),
  };
});

export const queueConfig = registerAs('queue', () => {
  const env = loadEnv();
  return {
    prefix: queuePrefix(env.BULL_PREFIX, parseClusterNodes(env.REDIS_CLUSTER_NODES).length > 0),
    attempts: env.JOB_ATTEMPTS,
    backoffMs: env.JOB_BACKOFF_MS,
    lockMs: env.JOB_LOCK_MS,
    workerQueues: env.WORKER_QUEUES.split(',').filter(Boolean),
    callbackSweepIntervalMs: env.CALLBACK_SWEEP_INTERVAL_MS,
    callbackLeaseMs: env.CALLBACK_LEASE_MS,
    callbackBatchSize: env.CALLBACK_BATCH_SIZE,
    transferPollMinMs: env.TRANSFER_POLL_MIN_MS,
    transferPollMaxMs: env.TRANSFER_POLL_MAX_MS,
    transferSendLeaseMs: env.TRANSFER_SEND_LEASE_MS,
    transferUnassignedIntervalMs: env.TRANSFER_UNASSIGNED_INTERVAL_MS,
  };
});

export const authConfig = registerAs('auth', () => {
  const env = loadEnv();
  return {
    jwtSecret: env.JWT_SECRET,
    jwtExpiresInSeconds: env.JWT_EXPIRES_IN_SECONDS,
    initialAdminUsername: env.ADMIN_INITIAL_USERNAME,
    initialAdminPassword: env.ADMIN_INITIAL_PASSWORD,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    sidebarRateLimitPerMinute: env.SIDEBAR_RATE_LIMIT_PER_MINUTE,
    secretsEncryptionKey: env.SECRETS_ENCRYPTION_KEY,
  };
});

export const wecomConfig = registerAs('wecom', () => {
  const env = loadEnv();
  return {
    baseUrl: env.WECOM_BASE_URL.replace(/\/$/, ''),
    oauthBaseUrl: env.WECOM_OAUTH_BASE_URL.replace(/\/$/, ''),
    loginBaseUrl: env.WECOM_LOGIN_BASE_URL.replace(/\/$/, ''),
    httpTimeoutMs: env.WECOM_HTTP_TIMEOUT_MS,
    callbackMaxSkewSeconds: env.WECOM_CALLBACK_MAX_SKEW_SECONDS,
    callbackIngestDeadlineMs: env.CALLBACK_INGEST_DEADLINE_MS,
    callbackIngestMaxPending: env.CALLBACK_INGEST_MAX_PENDING,
  };
});

export const mediaConfig = registerAs('media', () => ({
  storageDir: loadEnv().MEDIA_STORAGE_DIR,
}));

export const broadcastsConfig = registerAs('broadcasts', () => {
  const env = loadEnv();
  return {
    pollInitialMs: env.BROADCAST_POLL_INITIAL_MS,
    pollMaxMs: env.BROADCAST_POLL_MAX_MS,
    confirmWindowMs: env.BROADCAST_CONFIRM_WINDOW_HOURS * 3600 * 1000,
  };
});

export const allConfigs = [
  appConfig,
  databaseConfig,
  redisConfig,
  queueConfig,
  authConfig,
  wecomConfig,
  mediaConfig,
  broadcastsConfig,
];

export type AllConfig = {
  app: ReturnType<typeof appConfig>;
  database: ReturnType<typeof databaseConfig>;
  redis: ReturnType<typeof redisConfig>;
  queue: ReturnType<typeof queueConfig>;
  auth: ReturnType<typeof authConfig>;
  wecom: ReturnType<typeof wecomConfig>;
  media: ReturnType<typeof mediaConfig>;
  broadcasts: ReturnType<typeof broadcastsConfig>;
};
