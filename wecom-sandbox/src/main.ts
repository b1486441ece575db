import { startSandbox } from './index';

function intEnv(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number`);
  return n;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: intEnv('SANDBOX_PORT', 3100),
    host: process.env.SANDBOX_HOST || '127.0.0.1',
    callbackUrl:
      process.env.SANDBOX_CALLBACK_URL || 'http://127.0.0.1:3000/wecom/callback/{corpId}',
    seed: { customers: intEnv('SANDBOX_CUSTOMERS', 500) },
    tokenTtlSeconds: intEnv('SANDBOX_TOKEN_TTL', 7200),
  });
  const s = sandbox.state.summary();
  console.log(
    `[wecom-sandbox] listening on ${sandbox.url} (corp ${sandbox.corp.corpId}, ${String(s.users)} staff, ${String(s.customers)} customers; console ${sandbox.url}/sandbox)`,
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error('[wecom-sandbox] failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
