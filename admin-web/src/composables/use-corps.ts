import { ref } from 'vue';
import { listCorpsApi, type CorpsApi } from '#/api/corps';

/** The corps to pick from; the first one is selected once they are loaded. */
export function useCorps() {
  const corps = ref<CorpsApi.Corp[]>([]);
  const corpId = ref('');
  const corpsError = ref('');

  async function loadCorps(): Promise<string> {
    corpsError.value = '';
    try {
      corps.value = await listCorpsApi();
      if (!corps.value.some((corp) => corp.corpId === corpId.value)) {
        corpId.value = corps.value[0]?.corpId ?? '';
      }
    } catch (error) {
      corps.value = [];
      corpsError.value = error instanceof Error ? error.message : String(error);
    }
    return corpId.value;
  }

  return { corps, corpId, corpsError, loadCorps };
}
