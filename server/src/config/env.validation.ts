import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateIf,
  ValidationError,
} from 'class-validator';

export enum AppMode {
  Api = 'api',
  Worker = 'worker',
  All = 'all',
}

export enum NodeEnv {
  Development = 'development',
  Production = 'production',
  Test = 'test',
}

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === true || value === 'true' || value === '1';

/**
 * Every environment variable the server reads. A missing or malformed one stops the boot
 * with one line naming it. Keys marked "secret" are never logged or returned by any API.
 */
export class EnvironmentVariables {
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @IsEnum(AppMode)
  APP_MODE: AppMode = AppMode.Api;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @IsNotEmpty()
  PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

  @IsString()
  LOG_LEVEL = 'info';

  /**
   * Where CSV exports of an audience are written by the worker and read by the API: a folder
   * both processes reach (the same host, or a shared volume). Relative to the working directory.
   */
  @IsString()
  @IsNotEmpty()
  EXPORT_DIR = 'var/exports';

  // --- MariaDB / MySQL ---
  @IsString()
  @IsNotEmpty()
  DB_HOST: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  DB_PORT = 3306;

  @IsString()
  @IsNotEmpty()
  DB_USER: string;

  /** secret */
  @IsString()
  DB_PASSWORD = '';

  @IsString()
  @Matches(/^[A-Za-z0-9_]{1,64}$/, { message: 'DB_NAME must be 1-64 letters, digits or _' })
  DB_NAME: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  DB_POOL_SIZE = 20;

  /** A new connection whose handshake has not completed in this long fails (mysql2 connectTimeout). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DB_CONNECT_TIMEOUT_MS = 5000;

  /** A query waiting this long for a pool connection fails (0: wait without limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_ACQUIRE_TIMEOUT_MS = 10000;

  /** Queries that may wait for a pool connection at once; beyond it they fail at once (0: no limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_POOL_QUEUE_LIMIT = 1000;

  /**
   * A query with no answer for this long fails on the client (its connection stays busy until the
   * server answers); 0 disables. Migrations run without it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_QUERY_TIMEOUT_MS = 30000;

  // --- Redis ---
  /** Not needed with REDIS_CLUSTER_NODES. */
  @ValidateIf((env: EnvironmentVariables) => !env.REDIS_CLUSTER_NODES)
  @IsString()
  @IsNotEmpty()
  REDIS_HOST: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  REDIS_PORT = 6379;

  /** secret */
  @IsOptional()
  @IsString()
  REDIS_PASSWORD?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  REDIS_DB = 0;

  /**
   * Redis Cluster: some of its nodes, `host:port` separated by commas (the others are discovered).
   * When set, REDIS_HOST and REDIS_PORT are not used and REDIS_DB must be 0.
   */
  @IsOptional()
  @Matches(/^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/, {
    message: 'REDIS_CLUSTER_NODES must be host:port pairs separated by commas',
  })
  REDIS_CLUSTER_NODES?: string;

  /** On Redis Cluster, wrapped in a hash tag (`{scrm}`) unless it has one: Bull needs it. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_{}-]{1,64}$/, { message: 'BULL_PREFIX must be 1-64 of [A-Za-z0-9:_{}-]' })
  BULL_PREFIX = 'scrm';

  // --- Queue defaults ---
  @Transform(toInt)
  @IsInt()
  @Min(1)
  JOB_ATTEMPTS = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  JOB_BACKOFF_MS = 2000;

  /**
   * Queues this worker process consumes, comma-separated (empty: all). Lets a deployment give the
   * time-critical queues (welcome, callback-events) workers of their own.
   */
  @IsString()
  @Matches(/^[a-z,-]*$/, { message: 'WORKER_QUEUES must be queue names separated by commas' })
  WORKER_QUEUES = '';

  /** How long a worker holds a job before another may take it over (a crashed worker's jobs). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  JOB_LOCK_MS = 30000;

  /**
   * How often the inbox sweeper runs: it takes back claims whose worker died (CALLBACK_LEASE_MS)
   * and starts a drain when due events wait without one (a lost wake-up, a retry's backoff over).
   */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  CALLBACK_SWEEP_INTERVAL_MS = 5000;

  /** A batch of callback events whose claim is not renewed for this long is taken back. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  CALLBACK_LEASE_MS = 30000;

  /** Callback events one batch claims from the inbox (one transaction, one read per customer). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  CALLBACK_BATCH_SIZE = 500;

  /** Inheritance: the first wait (ms) before a transfer's results are read again (then doubled). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  TRANSFER_POLL_MIN_MS = 60000;

  /** Inheritance: the longest wait (ms) between two reads of a transfer's results. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  TRANSFER_POLL_MAX_MS = 3600000;

  /** Inheritance: a sending worker's lease (ms); a batch left mid-call longer is reconciled. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  TRANSFER_SEND_LEASE_MS = 30000;

  /** Inheritance: how often (ms) WeCom's unassigned list (get_unassigned_list) is read. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  TRANSFER_UNASSIGNED_INTERVAL_MS = 1800000;

  // --- Auth ---
  /** secret: signs admin JWTs. */
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_EXPIRES_IN_SECONDS = 8 * 3600;

  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, {
    message: 'ADMIN_INITIAL_USERNAME must be 3-64 of [A-Za-z0-9_.-]',
  })
  ADMIN_INITIAL_USERNAME = 'admin';

  /** secret: password of the first admin, created at boot when no admin exists. */
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_INITIAL_PASSWORD must be at least 10 characters' })
  ADMIN_INITIAL_PASSWORD?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  /** Sidebar API requests per guide session per minute (shared by all API nodes). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIDEBAR_RATE_LIMIT_PER_MINUTE = 600;

  /** secret: 32 bytes, base64, encrypting corp secrets at rest (AES-256-GCM). */
  @IsString()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message:
      'SECRETS_ENCRYPTION_KEY must be 32 bytes in base64 (44 chars), e.g. `openssl rand -base64 32`',
  })
  SECRETS_ENCRYPTION_KEY: string;

  // --- WeCom ---
  @IsUrl({ require_tld: false, require_protocol: true })
  WECOM_BASE_URL = 'https://qyapi.weixin.qq.com';

  @IsUrl({ require_tld: false, require_protocol: true })
  WECOM_OAUTH_BASE_URL = 'https://open.weixin.qq.com';

  /** WeCom's web login host (企业微信Web登录, staff sign-in to the console). The sandbox serves it too. */
  @IsUrl({ require_tld: false, require_protocol: true })
  WECOM_LOGIN_BASE_URL = 'https://login.work.weixin.qq.com';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  WECOM_HTTP_TIMEOUT_MS = 10000;

  /**
   * A callback not stored within this long is answered 503, so that WeCom retries it (WeCom waits
   * 5 s); the retry is deduplicated whether or not the slow insert lands meanwhile.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(4500)
  CALLBACK_INGEST_DEADLINE_MS = 3000;

  /** Callbacks one API process may be storing at once; beyond it a callback is answered 503 at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CALLBACK_INGEST_MAX_PENDING = 1000;

  /** A callback whose timestamp is further than this from our clock is refused (replay guard). */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  WECOM_CALLBACK_MAX_SKEW_SECONDS = 600;

  /**
   * Calls per corp and API path this installation allows itself per minute and per hour, shared
   * by every process through Redis. WeCom's limits are 10,000/min and 150,000/h (DW 90454); the
   * defaults keep a margin for other apps of the corp calling the same APIs.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WECOM_RATE_LIMIT_PER_MINUTE = 9000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  WECOM_RATE_LIMIT_PER_HOUR = 140000;

  @Transform(toBool)
  @IsBoolean()
  SWAGGER_ENABLED = true;

  /**
   * Where media assets' bytes are stored (attachments of broadcasts, moments, quick replies).
   * Every API and worker process must see the same directory: a shared volume when scaled out.
   */
  @IsString()
  @IsNotEmpty()
  MEDIA_STORAGE_DIR = './data/media';

  /** First pull of a broadcast's results after its tasks are created; doubles up to the max. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  BROADCAST_POLL_INITIAL_MS = 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  BROADCAST_POLL_MAX_MS = 3_600_000;

  /** A broadcast task not confirmed by its sender this long after creation is marked expired. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  BROADCAST_CONFIRM_WINDOW_HOURS = 72;

  /** Start a full sync from WeCom as soon as a corp is registered. */
  @Transform(toBool)
  @IsBoolean()
  SYNC_ON_CORP_CREATE = true;

  /**
   * The chat archive puller: read new archived messages from `WECOM_BASE_URL`'s
   * `msgaudit/sandbox_get_chat_data` (the sandbox's stand-in for the C SDK's GetChatData), on
   * each msgaudit_notify and every minute. Off in production, where a sidecar pushes the
   * messages (docs/chat-archive.md).
   */
  @Transform(toBool)
  @IsBoolean()
  CHAT_ARCHIVE_PULL_ENABLED = false;
}

export type Env = EnvironmentVariables;

/** Validates process.env; throws one readable line per bad key. */
export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (env.REDIS_CLUSTER_NODES && env.REDIS_DB !== 0) {
    errors.push(
      Object.assign(new ValidationError(), {
        property: 'REDIS_DB',
        constraints: {
          cluster: 'REDIS_DB must be 0 on Redis Cluster (REDIS_CLUSTER_NODES is set)',
        },
      }),
    );
  }
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const reasons = Object.values(e.constraints ?? {});
      const missing = raw[e.property] === undefined || raw[e.property] === '';
      return missing
        ? `${e.property} is missing (${reasons.join('; ')})`
        : `${e.property} is invalid: ${reasons.join('; ')}`;
    });
    throw new Error(`Invalid environment variables:\n  - ${lines.join('\n  - ')}`);
  }
  return env;
}
