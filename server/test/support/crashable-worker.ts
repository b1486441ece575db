import type { ApiDef, Json } from '../../../wecom-sandbox/src/api/types';
import { spawnServerProcess, SpawnedProcess, waitFor } from './processes';

/**
 * A worker as a real child process (`worker.js`, the environment as it is), started and
 * SIGKILLed by crash tests: a job it held is taken back by the next worker after JOB_LOCK_MS.
 */
export class CrashableWorker {
  private current?: SpawnedProcess;

  start(): void {
    this.current = spawnServerProcess('worker.js', { ...process.env, APP_MODE: 'worker' });
  }

  /** SIGKILL now (no shutdown hook runs), or SIGTERM; waits until it has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.current?.stop(signal);
  }

  /** SIGKILL without waiting (from inside a sandbox handler, before WeCom's answer is sent). */
  killNow(): void {
    this.current?.child.kill('SIGKILL');
  }

  get exited(): boolean {
    const c = this.current?.child;
    return !!c && (c.exitCode !== null || c.signalCode !== null);
  }

  /** Waits until the worker died (e.g. killed by a CallCounter). */
  waitExited(timeoutMs = 60_000): Promise<true> {
    return waitFor(
      'the worker to be killed',
      async () => (this.exited ? true : undefined),
      timeoutMs,
    );
  }

  output(): string {
    return this.current?.output() ?? '';
  }
}

/**
 * Counts the calls the sandbox receives on one WeCom API (`path` in `apis`), and SIGKILLs the
 * worker right after the sandbox handled the n-th (`killAfter(n)`): WeCom did the work, the
 * worker never read the answer. `restore()` puts the handler back.
 */
export class CallCounter {
  calls = 0;
  private killAt = 0;
  private readonly def: ApiDef;
  private readonly original: ApiDef['handler'];

  constructor(apis: ApiDef[], path: string, worker: CrashableWorker) {
    const def = apis.find((d) => d.path === path);
    if (!def) throw new Error(`the sandbox has no ${path}`);
    this.def = def;
    this.original = def.handler;
    const handled = (): void => {
      this.calls++;
      if (this.killAt && this.calls === this.killAt) worker.killNow();
    };
    def.handler = (ctx) => {
      const res = this.original(ctx);
      if (!(res instanceof Promise)) {
        handled();
        return res;
      }
      return res.then((r: Json) => {
        handled();
        return r;
      });
    };
  }

  /** SIGKILL the worker right after call number `n` (counted from the start); 0: never. */
  killAfter(n: number): void {
    this.killAt = n;
  }

  restore(): void {
    this.def.handler = this.original;
  }
}
