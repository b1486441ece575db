import type { Ref } from 'vue';
import { ApiError } from '#/api/request';

/**
 * Runs a dialog's save: `saving` while it runs, and a refusal's field errors (the first sentence
 * per field; a refusal without fields goes to `fallbackField`) into `errors`. Null when refused.
 */
export async function saveWithFieldErrors<T>(
  run: () => Promise<T>,
  state: { errors: Ref<Record<string, string>>; saving: Ref<boolean> },
  fallbackField: string,
): Promise<T | null> {
  state.errors.value = {};
  state.saving.value = true;
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    state.errors.value = Object.fromEntries(
      Object.entries(error.errors ?? { [fallbackField]: [error.message] }).map(([k, v]) => [
        k,
        v[0] ?? '',
      ]),
    );
    return null;
  } finally {
    state.saving.value = false;
  }
}
