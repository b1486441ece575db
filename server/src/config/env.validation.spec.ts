import { parseClusterNodes, queuePrefix } from './configuration';
import { validateEnv } from './env.validation';

const valid = {
  DB_HOST: '127.0.0.1',
  DB_USER: 'scrm',
  DB_NAME: 'scrm',
  REDIS_HOST: '127.0.0.1',
  JWT_SECRET: 'x'.repeat(40),
  SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('validateEnv', () => {
  it('accepts a complete environment and applies defaults and types', () => {
    const env = validateEnv({ ...valid, DB_PORT: '3307' });
    expect(env.DB_PORT).toBe(3307);
    expect(env.REDIS_PORT).toBe(6379);
    expect(env.APP_MODE).toBe('api');
    expect(env.WECOM_BASE_URL).toBe('https://qyapi.weixin.qq.com');
  });

  it('names a missing DB_HOST', () => {
    const { DB_HOST: _omit, ...rest } = valid;
    expect(() => validateEnv(rest)).toThrow(/DB_HOST is missing/);
  });

  it('names each malformed variable on its own line', () => {
    let message = '';
    try {
      validateEnv({ ...valid, DB_PORT: 'abc', JWT_SECRET: 'short', APP_MODE: 'both' });
    } catch (err) {
      message = (err as Error).message;
    }
    const lines = message.split('\n').slice(1);
    expect(lines).toHaveLength(3);
    expect(message).toMatch(/DB_PORT is invalid/);
    expect(message).toMatch(/JWT_SECRET is invalid: JWT_SECRET must be at least 32 characters/);
    expect(message).toMatch(/APP_MODE is invalid/);
  });

  it('never echoes the value of a bad secret', () => {
    expect(() =>
      validateEnv({ ...valid, SECRETS_ENCRYPTION_KEY: 'not-base64-secret-value' }),
    ).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('not-base64-secret-value') }),
    );
  });
  it('Redis Cluster: REDIS_CLUSTER_NODES replaces REDIS_HOST, needs REDIS_DB 0 and host:port pairs', () => {
    const { REDIS_HOST: _omit, ...rest } = valid;
    const nodes = '127.0.0.1:7001, 127.0.0.1:7002,redis-3.internal:7003';
    expect(validateEnv({ ...rest, REDIS_CLUSTER_NODES: nodes }).REDIS_CLUSTER_NODES).toBe(nodes);
    expect(parseClusterNodes(nodes)).toEqual([
      { host: '127.0.0.1', port: 7001 },
      { host: '127.0.0.1', port: 7002 },
      { host: 'redis-3.internal', port: 7003 },
    ]);
    expect(() => validateEnv(rest)).toThrow(/REDIS_HOST is missing/);
    expect(() => validateEnv({ ...rest, REDIS_CLUSTER_NODES: '127.0.0.1' })).toThrow(
      /REDIS_CLUSTER_NODES is invalid/,
    );
    expect(() => validateEnv({ ...rest, REDIS_CLUSTER_NODES: nodes, REDIS_DB: '2' })).toThrow(
      /REDIS_DB is invalid: REDIS_DB must be 0 on Redis Cluster/,
    );
  });

  it('on a cluster the queue prefix is a hash tag', () => {
    expect(queuePrefix('scrm', false)).toBe('scrm');
    expect(queuePrefix('scrm', true)).toBe('{scrm}');
    expect(queuePrefix('{scrm}:eu', true)).toBe('{scrm}:eu');
  });
});
