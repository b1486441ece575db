import { onBeforeUnmount, ref, type Ref } from 'vue';
import { checkCorpApi, listSyncRunsApi, startSyncApi, type SetupApi } from '#/api/setup';

const SYNC_POLL_MS = 1500;
const CALLBACK_POLL_MS = 3000;

/** The corp's latest sync run, polled while it runs; `start()` queues one (two clicks, one run). */
export function useSyncRun(corpId: Ref<string>) {
  const run = ref<SetupApi.SyncRun | null>(null);
  const starting = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function refresh(): Promise<void> {
    if (!corpId.value) return;
    const [latest] = await listSyncRunsApi(corpId.value);
    run.value = latest ?? null;
    if (timer) clearTimeout(timer);
    timer =
      run.value?.status === 'running' || starting.value ? setTimeout(refresh, SYNC_POLL_MS) : null;
  }

  async function start(): Promise<void> {
    starting.value = true;
    try {
      await startSyncApi(corpId.value);
      // the worker creates the run row when it takes the job: poll until it is there
      for (let i = 0; i < 20; i++) {
        const before = run.value?.id;
        await refresh();
        if (run.value && run.value.id !== before) break;
        if (run.value?.status === 'running') break;
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      starting.value = false;
      await refresh();
    }
  }

  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer);
  });
  return { run, starting, start, refresh };
}

/**
 * The live checks. While WeCom has not verified the callback URL yet (and nothing else failed)
 * they run again every few seconds, so the wizard shows when WeCom's GET arrives.
 */
export function useChecks(corpId: Ref<string>) {
  const report = ref<SetupApi.CheckReport | null>(null);
  const checking = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  async function check(): Promise<SetupApi.CheckReport | null> {
    if (!corpId.value) return null;
    if (timer) clearTimeout(timer);
    checking.value = true;
    try {
      report.value = await checkCorpApi(corpId.value);
    } finally {
      checking.value = false;
    }
    const waiting =
      report.value.checks.some((c) => c.key === 'callback' && c.status === 'pending') &&
      !report.value.checks.some((c) => c.status === 'failed');
    if (waiting && !stopped) timer = setTimeout(() => void check(), CALLBACK_POLL_MS);
    return report.value;
  }

  onBeforeUnmount(() => {
    stopped = true;
    if (timer) clearTimeout(timer);
  });
  return { report, checking, check };
}
