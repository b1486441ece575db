import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const SERVER_DIST = join(__dirname, '../../dist/server/src');

export interface SpawnedProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/**
 * Spawns a compiled server entry point (`main.js`, `worker.js`) as a real separate process,
 * capturing stdout and stderr. `npm test` builds the server first.
 */
export function spawnServerProcess(
  entry: 'main.js' | 'worker.js',
  env: NodeJS.ProcessEnv,
): SpawnedProcess {
  const file = join(SERVER_DIST, entry);
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run build -w server\` first`);
  const child = spawn(process.execPath, [file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // each stream kept apart (a stderr chunk landing inside a stdout log line would split that
  // JSON line in two), decoded as UTF-8 across chunk boundaries (the logs carry Chinese names)
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const out = () => (stderr ? `${stdout}\n${stderr}` : stdout);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: out,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Polls `check` until it returns a value, or fails after `timeoutMs` with `what`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`,
  );
}
