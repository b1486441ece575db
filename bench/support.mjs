// Process, port and polling helpers shared by the benchmarks that start the whole system
// (bench/full-sync.mjs, bench/callback-lag.mjs).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const CLK_TCK = 100;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Child node processes with `env`; `stopChildren()` (also on SIGINT/SIGTERM) ends them all, so a
 * benchmark never leaves a server running.
 */
export function childProcesses(env) {
  const children = [];
  function child(name, args, extraEnv, stdout = 'ignore') {
    const p = spawn(process.execPath, args, {
      env: { ...env, ...extraEnv },
      stdio: ['ignore', stdout, 'inherit'],
    });
    p.benchName = name;
    children.push(p);
    p.on('exit', (code, signal) => {
      if (!stopping) console.error(`[bench] ${name} exited early (${code ?? signal})`);
    });
    return p;
  }
  let stopping = false;
  function stopChildren() {
    stopping = true;
    for (const p of children) if (p.exitCode === null && p.signalCode === null) p.kill('SIGTERM');
    setTimeout(() => {
      for (const p of children) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    }, 5000).unref();
  }
  for (const sig of ['SIGINT', 'SIGTERM'])
    process.on(sig, () => {
      stopChildren();
      process.exit(130);
    });
  return { child, stopChildren };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function runToEnd(env, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args} exited ${code}`))));
  });
}

/** VmRSS in KiB and utime+stime in seconds of a process, or undefined once it is gone. */
export function procStats(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { rssKb, cpuS: (Number(f[11]) + Number(f[12])) / CLK_TCK };
  } catch {
    return undefined;
  }
}

/** The pid listening on a local TCP port (MariaDB, Redis), if `ss -p` may show it. */
export async function pidOnPort(port) {
  const out = await new Promise((resolve) => {
    const p = spawn('ss', ['-ltnpH'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let s = '';
    p.stdout.on('data', (d) => (s += d));
    p.on('exit', () => resolve(s));
    p.on('error', () => resolve(''));
  });
  const line = out.split('\n').find((l) => new RegExp(`:${port}\\s`).test(l));
  const m = line && /pid=(\d+)/.exec(line);
  return m ? Number(m[1]) : undefined;
}

export async function waitFor(what, fn, ms) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
