import type { CustomerRow, CustomerSort } from './customer.repository';
import { CustomersException } from './customers.exception';

/**
 * The customer list's keyset cursor: the sort, the order and the last row's (key, id), as
 * base64url JSON. Opaque to clients; a cursor of another sort or order is refused (400).
 */
export interface CustomerCursor {
  sort: CustomerSort;
  order: 'asc' | 'desc';
  key: Date | string;
  id: string;
}

export function encodeCustomerCursor(
  sort: CustomerSort,
  order: 'asc' | 'desc',
  last: CustomerRow,
): string {
  const key = sort === 'name' ? last.name : (last.addedAt ?? last.createdAt).getTime();
  return Buffer.from(JSON.stringify([sort, order, key, last.id])).toString('base64url');
}

export function decodeCustomerCursor(
  cursor: string,
  sort: CustomerSort,
  order: 'asc' | 'desc',
): { key: Date | string; id: string } {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw CustomersException.badCursor();
  }
  if (!Array.isArray(parts) || parts.length !== 4) throw CustomersException.badCursor();
  const [s, o, key, id] = parts as unknown[];
  if (s !== sort || o !== order || typeof id !== 'string' || !/^\d{1,20}$/.test(id))
    throw CustomersException.badCursor();
  if (sort === 'name') {
    if (typeof key !== 'string') throw CustomersException.badCursor();
    return { key, id };
  }
  if (typeof key !== 'number' || !Number.isFinite(key)) throw CustomersException.badCursor();
  return { key: new Date(key), id };
}
