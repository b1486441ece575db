import Redis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';
import { AllConfig } from '../config/configuration';

/** A single Redis or a Redis Cluster: the commands the server uses are the same on both. */
export type RedisClient = Redis | Cluster;

type RedisConfig = AllConfig['redis'];

/**
 * Connects to what the configuration names: the Redis Cluster of REDIS_CLUSTER_NODES (ioredis
 * `Cluster`, which follows MOVED/ASK redirections and discovers the other nodes), else the single
 * Redis of REDIS_HOST/REDIS_PORT. `options` are per-connection settings (retries, pipelining,
 * key prefix) and apply to every node of a cluster.
 *
 * On a cluster, a Lua script or MULTI may only touch keys of one hash slot: the server's
 * multi-key scripts put a hash tag (`{…}`) in their keys (the rate windows of one corp and API,
 * Bull's `{scrm}` prefix, the throttler's `{key:name}`).
 */
export function createRedisClient(
  config: RedisConfig,
  options: RedisOptions & { clusterNodes?: unknown } = {},
): RedisClient {
  const { clusterNodes, host, port, password, db } = config;
  // (Bull hands the `redis` settings back in `options`: they are the config's own)
  const { clusterNodes: _nodes, host: _host, port: _port, db: _db, ...own } = options;
  if (clusterNodes.length === 0) return new Redis({ host, port, password, db, ...own });
  const { keyPrefix, enableAutoPipelining, enableReadyCheck, ...perNode } = own;
  const clusterOptions: ClusterOptions = {
    keyPrefix,
    enableAutoPipelining,
    enableReadyCheck,
    // a node's connection settings (db is always 0 on a cluster); Bull reads its blocking
    // connection's settings from here
    redisOptions: { password, ...perNode, enableReadyCheck },
    // ioredis applies maxRetriesPerRequest per node connection; redirections are retried apart
    maxRedirections: 16,
  };
  return new Cluster(clusterNodes, clusterOptions);
}

/** True for a Redis Cluster client. */
export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}
