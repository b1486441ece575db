import type { ReceiveLimit } from './broadcast.types';

const CN_OFFSET_MS = 8 * 3600 * 1000;

/**
 * WeCom's receive-limit window containing `nowMs` (China time, as WeCom counts) and how many mass
 * messages a customer may receive in it: 1 a day (the default), 7 a week (Monday first), or as
 * many as the month has days (DW 92135).
 */
export function receiveWindow(mode: ReceiveLimit, nowMs: number): { start: Date; cap: number } {
  const local = new Date(nowMs + CN_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  if (mode === 'day') return { start: new Date(Date.UTC(y, m, d) - CN_OFFSET_MS), cap: 1 };
  if (mode === 'week') {
    const dow = (local.getUTCDay() + 6) % 7;
    return { start: new Date(Date.UTC(y, m, d - dow) - CN_OFFSET_MS), cap: 7 };
  }
  const days = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return { start: new Date(Date.UTC(y, m, 1) - CN_OFFSET_MS), cap: days };
}

/** The receive limit as a sentence for the composer. */
export function receiveLimitSentence(mode: ReceiveLimit): string {
  return mode === 'day'
    ? '每位客户每天最多接收 1 条群发'
    : mode === 'week'
      ? '每位客户每周最多接收 7 条群发'
      : '每位客户每月最多接收的群发条数为当月天数';
}
