import type { TransfersApi } from '#/api/transfers';

/** The order states are shown in, and each state's tag colour. */
export const STATE_ORDER: TransfersApi.ItemState[] = [
  'planned',
  'sent',
  'waiting',
  'accepted',
  'refused',
  'limit_reached',
  'failed',
  'blocked',
];

export const STATE_TYPE: Record<
  TransfersApi.ItemState,
  'info' | 'warning' | 'success' | 'danger' | 'primary'
> = {
  planned: 'info',
  sent: 'primary',
  waiting: 'warning',
  accepted: 'success',
  refused: 'danger',
  limit_reached: 'danger',
  failed: 'danger',
  blocked: 'info',
};

export const RETRYABLE: TransfersApi.ItemState[] = ['refused', 'limit_reached', 'failed'];

/** `customer.waiting` counts → per state, over both item types. */
export function countsByState(
  counts: Record<string, number>,
): Array<{ state: TransfersApi.ItemState; n: number }> {
  const per = new Map<string, number>();
  for (const [key, n] of Object.entries(counts)) {
    const state = key.split('.')[1];
    per.set(state, (per.get(state) ?? 0) + n);
  }
  return STATE_ORDER.filter((s) => per.has(s)).map((state) => ({ state, n: per.get(state)! }));
}

/** Staff who may receive customers (active, with customer contact). */
export function eligibleSuccessors<
  T extends { departedAt: string | null; wecomStatus: number; customerContact: boolean },
>(staff: T[]): T[] {
  return staff.filter((s) => !s.departedAt && s.wecomStatus === 1 && s.customerContact);
}
