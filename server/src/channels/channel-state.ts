import { randomBytes } from 'node:crypto';

/** A new channel's `state`: `ch_` + 12 random base-36 characters (15 ≤ WeCom's 30). */
export function newChannelState(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  const bytes = randomBytes(12);
  let out = 'ch_';
  for (const b of bytes) out += alphabet[b % 36];
  return out;
}

/** Whether a contact way's `state` can be a channel's (the shape `newChannelState` makes). */
export function isChannelState(state: string): boolean {
  return /^ch_[0-9a-z]{12}$/.test(state);
}
