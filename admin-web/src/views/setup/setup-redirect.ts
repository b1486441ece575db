import type { RouteLocationNormalized } from 'vue-router';
import { getSetupStatusApi, type SetupApi } from '#/api/setup';

export const SETUP_PATH = '/setup';

let known: SetupApi.Status | null = null;

/**
 * Where a fresh installation goes instead: nobody can sign in yet (no admin) → the wizard;
 * an admin signed in and no corp registered → the wizard. Asked once per page load, and again
 * while setup is not done.
 */
export async function setupRedirect(
  to: RouteLocationNormalized,
  role: string | null,
): Promise<string | null> {
  if (to.path === SETUP_PATH) return null;
  if (!known || known.needsSetup) known = await getSetupStatusApi().catch(() => null);
  if (!known?.needsSetup) return null;
  if (!known.hasAdmin) return SETUP_PATH;
  return role === 'admin' && !known.hasCorp ? SETUP_PATH : null;
}

/** For tests: forget what the server said. */
export function forgetSetupStatus(): void {
  known = null;
}
