/** ER_LOCK_DEADLOCK, ER_LOCK_WAIT_TIMEOUT: InnoDB rolled the statement (or transaction) back. */
const LOCK_CONFLICT_ERRNOS = new Set([1213, 1205]);

/** Whether a database error is a lock conflict, after which running the work again is safe. */
export function isLockConflict(err: unknown): boolean {
  const e = err as { errno?: number; driverError?: { errno?: number } };
  const errno = e?.driverError?.errno ?? e?.errno;
  return errno !== undefined && LOCK_CONFLICT_ERRNOS.has(errno);
}

/**
 * Runs `work` again (up to `attempts` times in all, after a short jittered pause) when InnoDB
 * rolls it back on a deadlock or a lock wait timeout. `work` must be safe to repeat: a whole
 * transaction, or one idempotent statement.
 */
export async function retryOnLockConflict<T>(
  work: () => Promise<T>,
  attempts = 5,
  onRetry?: (attempt: number, err: unknown) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isLockConflict(err)) throw err;
      onRetry?.(attempt, err);
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 40));
    }
  }
}
