import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import demoCorp from '../seed/demo-corp.json';
import { processDueTransfers } from './actions';
import { createApp } from './app';
import type { DemoCorpConfig } from './model';
import { seedCorp } from './seed';
import { SandboxState, type SandboxConfig } from './state';

export type { DemoCorpConfig } from './model';
export type { SandboxConfig } from './state';
export { SandboxState } from './state';
export type { CallbackDelivery } from './callbacks';
export { buildEventXml, encryptForDelivery } from './callbacks';

export interface SandboxOptions {
  /** 0 = random port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** e.g. http://127.0.0.1:3000/wecom/callback/{corpId}; '{corpId}' is replaced. */
  callbackUrl?: string;
  seed?: {
    /** Default 500. */
    customers?: number;
    /** PRNG seed; default fixed. */
    random?: number;
  };
  /** Default 7200. */
  tokenTtlSeconds?: number;
  /** Any other runtime setting (rate limits, callback timeouts…). */
  config?: Partial<SandboxConfig>;
}

export interface RunningSandbox {
  /** Base URL, e.g. http://127.0.0.1:41234 (use it as the WeCom API base). */
  url: string;
  /** Contents of seed/demo-corp.json. */
  corp: DemoCorpConfig;
  /** The live state, for assertions in tests. */
  state: SandboxState;
  close(): Promise<void>;
}

export const DEFAULT_SEED_RANDOM = 20240601;

export function loadDemoCorp(): DemoCorpConfig {
  return JSON.parse(JSON.stringify(demoCorp)) as DemoCorpConfig;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const corp = loadDemoCorp();
  const state = new SandboxState(corp, {
    ...opts.config,
    callbackUrl: opts.callbackUrl ?? opts.config?.callbackUrl,
    tokenTtlSeconds: opts.tokenTtlSeconds ?? opts.config?.tokenTtlSeconds ?? 7200,
  });
  const seedOpts = {
    customers: opts.seed?.customers ?? 500,
    random: opts.seed?.random ?? DEFAULT_SEED_RANDOM,
  };
  const reset = () => {
    state.clearData();
    state.tokens.clear();
    state.rateLimiter.reset();
    state.clock.reset();
    seedCorp(state, seedOpts);
  };
  seedCorp(state, seedOpts);

  const app = createApp(state, reset);
  const host = opts.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.on('error', reject);
  });
  server.keepAliveTimeout = 65000;
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  state.baseUrl = url;

  // Pending transfers are taken over after 24 h of sandbox time even if nobody asks.
  const timer = setInterval(() => processDueTransfers(state), 5000);
  timer.unref();

  let closed = false;
  return {
    url,
    corp,
    state,
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      state.callbacks.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
