import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { listCorpsApi, type CorpsApi } from '#/api/corps';
import { earlyOr } from '#/api/early';
import { accessContextOf, corpScopeOf } from '#/router/access';
import { DEFAULT_TIME_ZONE, displayTimeZone } from '#/utils/time';
import { useAuthStore } from './auth';

export const CURRENT_CORP_KEY = 'scrm.admin.corpId';

function readStored(): string {
  try {
    return localStorage.getItem(CURRENT_CORP_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * The WeCom corps this console manages, the one being looked at (the header's switcher,
 * remembered), and what the user may do in it. Pages read `corpId` and reload when it changes.
 */
export const useCorpStore = defineStore('corp', () => {
  const auth = useAuthStore();
  const all = ref<CorpsApi.Corp[]>([]);
  const selected = ref(readStored());
  const loaded = ref(false);
  const error = ref('');

  /** The corps in the user's scope. */
  const corps = computed(() => {
    const scope = corpScopeOf(auth.user);
    return scope ? all.value.filter((corp) => scope.includes(corp.corpId)) : all.value;
  });

  /** The corp being looked at: the chosen one when in scope, else the first. */
  const corpId = computed(() =>
    corps.value.some((corp) => corp.corpId === selected.value)
      ? selected.value
      : (corps.value[0]?.corpId ?? ''),
  );
  const current = computed(() => corps.value.find((corp) => corp.corpId === corpId.value) ?? null);
  const access = computed(() => accessContextOf(auth.user, corpId.value || null));
  const timeZone = computed(() => current.value?.timeZone || DEFAULT_TIME_ZONE);

  watch(timeZone, (zone) => (displayTimeZone.value = zone), { immediate: true });

  /** Loads the corps (the router guard does it once per session). */
  async function load(options: { skipAuthRedirect?: boolean } = {}): Promise<void> {
    error.value = '';
    try {
      // index.html's inline script may have asked already (api/early.ts)
      all.value = await earlyOr('/admin/corps', auth.accessToken, () => listCorpsApi(options));
    } catch (caught) {
      all.value = [];
      error.value = caught instanceof Error ? caught.message : String(caught);
    } finally {
      loaded.value = true;
    }
  }

  function select(id: string): void {
    selected.value = id;
    try {
      localStorage.setItem(CURRENT_CORP_KEY, id);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }

  /** Forget the loaded corps (sign-out): the next user loads their own. */
  function reset(): void {
    all.value = [];
    loaded.value = false;
    error.value = '';
  }

  return { corps, corpId, current, access, timeZone, loaded, error, load, select, reset };
});
