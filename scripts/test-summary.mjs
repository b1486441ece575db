// Adds up the Jest/Vitest JSON reports of one `npm test` run and prints one summary line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
const failures = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const p = r.numPassedTests ?? 0;
  const f = (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  passed += p;
  failed += f;
  skipped += s;
  // each failed test by name with the start of its message, so that the end of a CI log says what
  // failed (a CI log is often seen only from its tail)
  for (const suite of r.testResults ?? []) {
    if (
      suite.status === 'failed' &&
      !(suite.assertionResults ?? []).some((a) => a.status === 'failed')
    )
      failures.push(
        `  ✗ ${file.replace(/\.json$/, '')}: ${suite.name}\n      ${firstLines(suite.message)}`,
      );
    for (const a of suite.assertionResults ?? [])
      if (a.status === 'failed')
        failures.push(
          `  ✗ ${file.replace(/\.json$/, '')}: ${suite.name.split('/').slice(-2).join('/')} › ${a.fullName}\n      ${firstLines((a.failureMessages ?? []).join('\n'))}`,
        );
  }
  rows.push(`  ${file.replace(/\.json$/, '').padEnd(24)} ${p} passed, ${f} failed, ${s} skipped`);
}
if (failures.length) console.log(`Failed:\n${failures.join('\n')}\n`);
console.log(rows.join('\n'));
console.log(`Summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
function firstLines(text = '') {
  // eslint-disable-next-line no-control-regex
  const plain = String(text).replace(/\u001b\[[0-9;]*m/g, '');
  return plain
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, 12)
    .join('\n      ')
    .slice(0, 1500);
}
process.exit(failed > 0 || passed === 0 ? 1 : 0);
