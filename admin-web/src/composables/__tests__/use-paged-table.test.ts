import { describe, expect, it, vi } from 'vitest';
import { keysetPage, usePagedTable, type KeysetPage } from '#/composables/use-paged-table';

type Row = { id: string };
const rows = (...ids: string[]): Row[] => ids.map((id) => ({ id }));

/** A server of 5 rows paged by id, 2 at a time. */
function server() {
  const all = rows('a', 'b', 'c', 'd', 'e');
  return vi.fn(async ({ cursor, limit }: { cursor: string | undefined; limit: number }) => {
    const from = cursor ? all.findIndex((r) => r.id === cursor) + 1 : 0;
    return keysetPage(all.slice(from, from + limit), limit, (r) => r.id);
  });
}

describe('usePagedTable', () => {
  it('"load more" appends the next page, asked after the last row, until the last page', async () => {
    const fetch = server();
    const table = usePagedTable({ fetch, limit: 2 });
    await table.reload();
    expect(table.rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(table.hasMore).toBe(true);
    await table.loadMore();
    await table.loadMore();
    expect(table.rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(fetch.mock.calls.map(([p]) => p.cursor)).toEqual([undefined, 'b', 'd']);
    expect(table.hasMore).toBe(false);
    // reload starts over from the first page
    await table.reload();
    expect(table.rows.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('pages mode shows one page at a time; "previous" asks with that page\'s cursor again', async () => {
    const fetch = server();
    const table = usePagedTable({ fetch, limit: 2, mode: 'pages' });
    await table.reload();
    await table.loadMore();
    await table.loadMore();
    expect(table.page).toBe(3);
    expect(table.rows.map((r) => r.id)).toEqual(['e']);
    expect(table.hasMore).toBe(false);
    await table.previous();
    expect(table.page).toBe(2);
    expect(table.rows.map((r) => r.id)).toEqual(['c', 'd']);
    expect(fetch.mock.calls.at(-1)?.[0].cursor).toBe('b');
    await table.previous();
    expect(table.rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(table.hasPrevious).toBe(false);
  });

  it('keeps a failure with the rows already shown, and retry asks for the same page again', async () => {
    const fetch = server();
    const table = usePagedTable({ fetch, limit: 2 });
    await table.reload();
    fetch.mockRejectedValueOnce(new Error('network'));
    await table.loadMore();
    expect(table.error).toBeInstanceOf(Error);
    expect(table.rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(table.loading).toBe(false);
    await table.retry();
    expect(table.error).toBeNull();
    expect(table.rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(fetch.mock.calls.slice(-2).map(([p]) => p.cursor)).toEqual(['b', 'b']);
  });

  it('drops an answer that arrives after a newer request started (filters changed)', async () => {
    let answerSlow: (page: KeysetPage<Row>) => void = () => {};
    const fetch = vi
      .fn()
      .mockImplementationOnce(() => new Promise((done) => (answerSlow = done)))
      .mockResolvedValueOnce({ items: rows('new'), nextCursor: null });
    const table = usePagedTable<Row>({ fetch });
    const slow = table.reload();
    await table.reload();
    answerSlow({ items: rows('old'), nextCursor: 'old' });
    await slow;
    expect(table.rows.map((r) => r.id)).toEqual(['new']);
    expect(table.hasMore).toBe(false);
  });
});

describe('keysetPage', () => {
  it('a full page has a next cursor (the last key); a short one is the last', () => {
    expect(keysetPage(rows('a', 'b'), 2, (r) => r.id).nextCursor).toBe('b');
    expect(keysetPage(rows('a'), 2, (r) => r.id).nextCursor).toBeNull();
    expect(keysetPage([], 2, (r: Row) => r.id).nextCursor).toBeNull();
  });
});
