import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBrowserSetup } from '@scrm/web-shared/e2e/global-setup';
// the console's real stack (MariaDB database, sandbox, API + worker): the same system here
import { stackUnavailable, startRealStack } from '../../../../admin-web/tests/e2e/support/stack';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const repoRoot = resolve(appRoot, '..');

/**
 * `vite preview` of the built sidebar, proxying /api to the real API server (with its worker)
 * against the WeCom sandbox's demo corp, and Chromium. Only WeCom's JS bridge is mocked, by the
 * page itself (`?ww_mock=1`, src/wecom/mock.ts).
 */
export default createBrowserSetup({
  appRoot,
  workspace: 'sidebar-h5',
  beforePreview: async (project) => {
    const skipped = stackUnavailable(repoRoot);
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
