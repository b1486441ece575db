import type { AudienceSort } from './audience.repository';
import { AudienceException } from './audience.exception';

/**
 * An audience page's keyset cursor (the customer list's): the sort, the order and the last row's (key, id), as
 * base64url JSON. Opaque to clients; a cursor of another sort or order is refused (400).
 */
export interface AudienceCursor {
  sort: AudienceSort;
  order: 'asc' | 'desc';
  key: Date | string;
  id: string;
}

export function encodeAudienceCursor(
  sort: AudienceSort,
  order: 'asc' | 'desc',
  last: { id: string; name: string; addedAt: Date },
): string {
  const key = sort === 'name' ? last.name : last.addedAt.getTime();
  return Buffer.from(JSON.stringify([sort, order, key, last.id])).toString('base64url');
}

export function decodeAudienceCursor(
  cursor: string,
  sort: AudienceSort,
  order: 'asc' | 'desc',
): { key: Date | string; id: string } {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw AudienceException.badCursor();
  }
  if (!Array.isArray(parts) || parts.length !== 4) throw AudienceException.badCursor();
  const [s, o, key, id] = parts as unknown[];
  if (s !== sort || o !== order || typeof id !== 'string' || !/^\d{1,20}$/.test(id))
    throw AudienceException.badCursor();
  if (sort === 'name') {
    if (typeof key !== 'string') throw AudienceException.badCursor();
    return { key, id };
  }
  if (typeof key !== 'number' || !Number.isFinite(key)) throw AudienceException.badCursor();
  return { key: new Date(key), id };
}
