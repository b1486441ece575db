import { computed, reactive, ref, shallowRef, type Ref } from 'vue';

/** One page as the table needs it: its rows and the cursor of the next page (null: the last). */
export interface KeysetPage<Row> {
  items: Row[];
  nextCursor: string | null;
}

export interface PagedTableOptions<Row> {
  /**
   * Asks the server for one page after `cursor` (undefined: the first). Pass `{ silent: true }`
   * to the request when the page shows the error itself (the table's error + retry does).
   */
  fetch: (page: { cursor: string | undefined; limit: number }) => Promise<KeysetPage<Row>>;
  /** Rows per page (default 50). */
  limit?: number;
  /**
   * `more` (default): one growing list with a "load more" button; `pages`: one page at a time
   * with previous / next (the cursors seen so far are kept, so "previous" asks the server again).
   */
  mode?: 'more' | 'pages';
}

/** The table's state (reactive: `table.rows`, `table.loading` in templates and scripts alike). */
export interface PagedTable<Row> {
  readonly rows: Row[];
  readonly loading: boolean;
  /** The last request's failure (null after a success); the footer shows it with 重试. */
  readonly error: unknown;
  /** There is a page after the rows shown. */
  readonly hasMore: boolean;
  /** `pages` mode: the page shown, from 1. */
  readonly page: number;
  readonly hasPrevious: boolean;
  readonly mode: 'more' | 'pages';
  /** From the first page (filters changed, corp changed, after an action). */
  reload: () => Promise<void>;
  /** `more`: append the next page; `pages`: show the next page. */
  loadMore: () => Promise<void>;
  /** `pages` mode: the page before. */
  previous: () => Promise<void>;
  /** The request that failed, again. */
  retry: () => Promise<void>;
}

/**
 * A server list paged by a keyset cursor, with its loading and error states: the groups,
 * callback events and staff pages (and the customers page) use it with `paged-footer.vue`.
 *
 *   const table = usePagedTable({
 *     fetch: ({ cursor, limit }) =>
 *       listGroupsApi({ corpId, cursor, limit }).then((items) => keysetPage(items, limit, (g) => g.chatId)),
 *   });
 *   onMounted(table.reload);
 *
 * A request that answers after a newer one started (filters changed meanwhile) is dropped.
 */
export function usePagedTable<Row>(options: PagedTableOptions<Row>): PagedTable<Row> {
  const limit = options.limit ?? 50;
  const mode = options.mode ?? 'more';
  const rows = shallowRef<Row[]>([]) as Ref<Row[]>;
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const nextCursor = ref<string | null>(null);
  /** `pages` mode: the cursor each page shown so far was asked with (index 0: the first). */
  const cursors = ref<(string | undefined)[]>([undefined]);
  const page = ref(1);
  let lastRequest: () => Promise<void> = async () => {};
  let generation = 0;

  async function run(cursor: string | undefined, apply: (result: KeysetPage<Row>) => void) {
    const mine = ++generation;
    lastRequest = () => run(cursor, apply);
    loading.value = true;
    error.value = null;
    try {
      const result = await options.fetch({ cursor, limit });
      if (mine !== generation) return;
      apply(result);
      nextCursor.value = result.nextCursor;
    } catch (err) {
      if (mine !== generation) return;
      error.value = err;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  const reload = () =>
    run(undefined, (result) => {
      rows.value = result.items;
      cursors.value = [undefined];
      page.value = 1;
    });

  function loadMore(): Promise<void> {
    const cursor = nextCursor.value;
    if (cursor === null) return Promise.resolve();
    if (mode === 'more') {
      return run(cursor, (result) => {
        rows.value = [...rows.value, ...result.items];
      });
    }
    return run(cursor, (result) => {
      rows.value = result.items;
      cursors.value = [...cursors.value.slice(0, page.value), cursor];
      page.value += 1;
    });
  }

  function previous(): Promise<void> {
    if (page.value <= 1) return Promise.resolve();
    const target = page.value - 1;
    return run(cursors.value[target - 1], (result) => {
      rows.value = result.items;
      page.value = target;
    });
  }

  return reactive({
    rows,
    loading,
    error,
    hasMore: computed(() => nextCursor.value !== null),
    page,
    hasPrevious: computed(() => page.value > 1),
    mode,
    reload,
    loadMore,
    previous,
    retry: () => lastRequest(),
  }) as PagedTable<Row>;
}

/**
 * A page from an API that answers a bare array paged by the last row's key (groups by chatId,
 * callback events by id, staff by userid): a full page means there may be more.
 */
export function keysetPage<Row>(
  items: Row[],
  limit: number,
  keyOf: (row: Row) => string | number,
): KeysetPage<Row> {
  const last = items.at(-1);
  return {
    items,
    nextCursor: items.length >= limit && last !== undefined ? String(keyOf(last)) : null,
  };
}
