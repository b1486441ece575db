import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { reactive } from 'vue';
import TransferDetail from '#/views/transfers/detail.vue';

// A transfer's page: progress by state, each customer's state and sentence, and the re-route of
// the refused ones to another colleague in one action.
const corp = reactive({ corpId: 'ww-test' });
vi.mock('#/stores/corp', () => ({ useCorpStore: () => corp }));
vi.mock('vue-router', () => ({ useRoute: () => ({ params: { id: '7' } }) }));
const api = vi.hoisted(() => ({
  getTransferApi: vi.fn(),
  pollTransferApi: vi.fn(),
  retryTransferApi: vi.fn(),
}));
vi.mock('#/api/transfers', () => api);
vi.mock('#/api/staff', () => ({
  listAllStaffApi: vi.fn(async () => [
    { userId: 'heir', name: '接替导购', departedAt: null, wecomStatus: 1, customerContact: true },
    { userId: 'heir2', name: '第二接替', departedAt: null, wecomStatus: 1, customerContact: true },
  ]),
}));

const item = (id: string, state: string, sentence: string, errcode: number | null = null) => ({
  id,
  itemType: 'customer',
  targetId: `wm${id}`,
  name: `客户${id}`,
  takeoverUserId: 'heir',
  takeoverName: '接替导购',
  state,
  errcode,
  reason: null,
  sentence,
  takeoverAt: null,
  attempt: 1,
  updatedAt: '2026-12-01T10:00:00Z',
});
const transfer = (items: ReturnType<typeof item>[], status = 'finished') => ({
  id: '7',
  corpId: 'ww-test',
  kind: 'resigned',
  handoverUserId: 'leaver',
  handoverName: '离职导购',
  status,
  message: null,
  createdBy: 'admin',
  createdAt: '2026-12-01T09:00:00Z',
  finishedAt: status === 'finished' ? '2026-12-01T10:00:00Z' : null,
  nextPollAt: null,
  counts: items.reduce<Record<string, number>>((c, i) => {
    c[`customer.${i.state}`] = (c[`customer.${i.state}`] ?? 0) + 1;
    return c;
  }, {}),
  total: items.length,
  done: items.filter((i) => i.state !== 'waiting').length,
  items,
});

beforeEach(() => {
  setActivePinia(createPinia());
  vi.clearAllMocks();
});

describe('a transfer’s page', () => {
  it('shows progress by state and each customer’s errcode sentence', async () => {
    api.getTransferApi.mockResolvedValue(
      transfer([
        item('1', 'accepted', '接替完毕'),
        item('2', 'refused', '客户拒绝了转接'),
        item('3', 'failed', '当前客户正在转接中', 40129),
      ]),
    );
    const w = mount(TransferDetail);
    await flushPromises();
    expect(w.get('[data-testid="count-accepted"]').text()).toBe('已接替 1');
    expect(w.get('[data-testid="count-refused"]').text()).toBe('客户拒绝 1');
    expect(w.get('[data-testid="transfer-progress"]').text()).toContain('3 / 3 已结束');
    const text = w.get('[data-testid="transfer-items"]').text();
    expect(text).toContain('40129');
    expect(text).toContain('当前客户正在转接中');
    expect(w.get('[data-testid="retry-card"]').text()).toContain('（2）');
  });

  it('re-routes the refused and failed ones to the chosen colleague in one call', async () => {
    api.getTransferApi.mockResolvedValue(transfer([item('2', 'refused', '客户拒绝了转接')]));
    api.retryTransferApi.mockResolvedValue(transfer([item('2', 'waiting', '等待接替')], 'sending'));
    const w = mount(TransferDetail);
    await flushPromises();
    w.findAllComponents({ name: 'ElSelect' })
      .find((c) => c.attributes('data-testid') === 'retry-successor')!
      .vm.$emit('update:modelValue', 'heir2');
    await flushPromises();
    await w.get('[data-testid="retry-button"]').trigger('click');
    await flushPromises();
    expect(api.retryTransferApi).toHaveBeenCalledWith('7', {
      corpId: 'ww-test',
      takeoverUserId: 'heir2',
    });
    expect(w.find('[data-testid="retry-card"]').exists()).toBe(false);
    expect(w.get('[data-testid="count-waiting"]').text()).toBe('等待接替 1');
  });
});
