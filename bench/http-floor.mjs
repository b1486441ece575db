// The floor under any API route on this machine: a bare `node:http` server answering a constant
// JSON body of the sidebar profile's size, timed with the same load (keep-alive connections,
// `--concurrency` requests in flight, the body read and parsed) as bench/sidebar-profile.mjs.
//
//   node bench/http-floor.mjs [--concurrency=100] [--requests=20000]
//
// What it answers: whether a p95 target at a given concurrency is reachable on this machine at
// all. At 100 in flight the latency is 100 ÷ the rate (Little's law), and the rate of a server
// that does nothing but answer is the ceiling of every real route.
import { fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { freePort } from './support.mjs';

const args = process.argv.slice(2);
const flag = (name, def) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(hit.indexOf('=') + 1) : def;
};

if (args[0] === 'serve') {
  // about the size of a profile answer (3-4 KB of JSON with Chinese text)
  const body = JSON.stringify({
    customer: { name: '李娜', remark: '静安店 金卡会员'.repeat(4) },
    timeline: Array.from({ length: 20 }, (_, i) => ({ id: i, kind: 'tag_added', at: new Date(0) })),
    tagGroups: Array.from({ length: 8 }, (_, i) => ({
      group: `会员等级${i}`,
      tags: ['金卡', '银卡'],
    })),
  });
  createServer((req, res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(body);
  }).listen(Number(args[1]), '127.0.0.1', () => process.send('listening'));
} else {
  const CONCURRENCY = Number(flag('concurrency', 100));
  const REQUESTS = Number(flag('requests', 20000));
  const port = await freePort();
  const server = fork(new URL(import.meta.url).pathname, ['serve', String(port)]);
  await new Promise((resolve) => server.once('message', resolve));
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const get = () =>
    new Promise((resolve, reject) => {
      const t = performance.now();
      const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
          resolve(performance.now() - t);
        });
      });
      req.on('error', reject);
      req.end();
    });
  const load = async (n) => {
    const ms = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < n) {
          next++;
          ms.push(await get());
        }
      }),
    );
    return { ms: ms.sort((a, b) => a - b), seconds: (performance.now() - t0) / 1000 };
  };
  try {
    await load(2000);
    const { ms, seconds } = await load(REQUESTS);
    const at = (q) => Number(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(1));
    console.log(
      JSON.stringify({
        route: 'bare node:http',
        requests: ms.length,
        concurrency: CONCURRENCY,
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
        perSecond: Math.round(ms.length / seconds),
      }),
    );
  } finally {
    agent.destroy();
    server.kill();
  }
}
