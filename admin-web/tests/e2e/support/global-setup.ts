import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBrowserSetup } from '@scrm/web-shared/e2e/global-setup';
import { stackUnavailable, startRealStack } from './stack';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const repoRoot = resolve(appRoot, '..');

/**
 * `vite preview` of the built console and Chromium (see web-shared), and the real stack
 * (MariaDB database, sandbox, API + worker) that preview proxies /api to. The mocked tests
 * intercept /api in the page and do not reach it; with SCRM_E2E_API_URL set, preview proxies
 * to that server instead and the real stack is not started.
 */
export default createBrowserSetup({
  appRoot,
  workspace: 'admin-web',
  beforePreview: async (project) => {
    const skipped = process.env.SCRM_E2E_API_URL
      ? 'SCRM_E2E_API_URL is set'
      : stackUnavailable(repoRoot);
    project.provide('stackSkipped', skipped ?? '');
    if (skipped) {
      project.provide('stack', null);
      return;
    }
    const started = await startRealStack(repoRoot, resolve(appRoot, 'test-results/stack'));
    project.provide('stack', started.stack);
    return { apiUrl: started.stack.apiUrl, teardown: started.stop };
  },
});
