import { computed, ref, watch } from 'vue';
import { listChannelsApi, type ChannelsApi } from '#/api/channels';
import { listAllStaffApi, type StaffApi } from '#/api/staff';
import { useCorpStore } from '#/stores/corp';

/**
 * The current corp's staff and channels, to show names instead of ids (userid → 李娜,
 * state → 静安店柜台) and to fill filter selects. Loaded when the corp changes; a failure leaves
 * the lists empty (the ids are shown) without a toast of its own.
 */
export function useCorpLookups(options: { channels?: boolean } = {}) {
  const corp = useCorpStore();
  const staff = ref<StaffApi.Staff[]>([]);
  const channels = ref<ChannelsApi.Channel[]>([]);

  async function load(corpId: string) {
    if (!corpId) return;
    const [staffResult, channelResult] = await Promise.allSettled([
      listAllStaffApi(corpId, { silent: true }),
      options.channels === false ? Promise.resolve([]) : listChannelsApi(corpId, { silent: true }),
    ]);
    staff.value = staffResult.status === 'fulfilled' ? staffResult.value : [];
    channels.value = channelResult.status === 'fulfilled' ? channelResult.value : [];
  }

  watch(() => corp.corpId, load, { immediate: true });

  const staffById = computed(() => new Map(staff.value.map((s) => [s.userId, s])));
  const channelByState = computed(() => new Map(channels.value.map((c) => [c.state, c])));

  return {
    staff,
    channels,
    staffName: (userId: string | null | undefined) =>
      userId ? (staffById.value.get(userId)?.name ?? userId) : '—',
    channelName: (state: string | null | undefined) =>
      state ? (channelByState.value.get(state)?.name ?? null) : null,
    reload: () => load(corp.corpId),
  };
}
