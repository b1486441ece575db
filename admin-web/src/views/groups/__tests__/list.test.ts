import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { reactive } from 'vue';
import GroupsList from '#/views/groups/list.vue';

// The groups page on the shared filter bar and paged table: what a user sees of the filter,
// "load more" and a failed page.
const corp = reactive({ corpId: 'ww-test' });
vi.mock('#/stores/corp', () => ({ useCorpStore: () => corp }));
const groupsApi = vi.hoisted(() => ({ listGroupsApi: vi.fn(), getGroupApi: vi.fn() }));
vi.mock('#/api/groups', () => groupsApi);
vi.mock('#/api/staff', () => ({
  listAllStaffApi: vi.fn(async () => [{ userId: 'lina', name: '李娜' }]),
}));

const group = (chatId: string) => ({
  chatId,
  name: `群 ${chatId}`,
  ownerUserId: 'lina',
  notice: null,
  wecomStatus: 0,
  createTime: 1_764_000_000,
  memberCount: 3,
  dismissedAt: null,
  syncedAt: null,
});
const fullPage = Array.from({ length: 50 }, (_, i) => group(`wr${String(i).padStart(3, '0')}`));

async function mountList() {
  setActivePinia(createPinia());
  const wrapper = mount(GroupsList);
  await flushPromises();
  return wrapper;
}

beforeEach(() => groupsApi.listGroupsApi.mockReset());

describe('groups list', { timeout: 30_000 }, () => {
  it('a full page offers "load more", which asks after the last group and appends', async () => {
    groupsApi.listGroupsApi.mockResolvedValueOnce(fullPage).mockResolvedValueOnce([group('wr999')]);
    const wrapper = await mountList();
    expect(wrapper.findAll('[data-testid^="group-row-"]')).toHaveLength(50);

    await wrapper.get('[data-testid="load-more"]').trigger('click');
    await flushPromises();
    expect(groupsApi.listGroupsApi.mock.calls[1]?.[0]).toMatchObject({
      corpId: 'ww-test',
      cursor: 'wr049',
      limit: 50,
    });
    expect(wrapper.findAll('[data-testid^="group-row-"]')).toHaveLength(51);
    expect(wrapper.find('[data-testid="load-more"]').exists()).toBe(false);
  });

  it('the owner filter asks again from the first page; 重置 clears it', async () => {
    groupsApi.listGroupsApi.mockResolvedValue([group('wr1')]);
    const wrapper = await mountList();
    const owner = wrapper.findComponent({ name: 'ElSelect' });
    owner.vm.$emit('update:modelValue', 'lina');
    owner.vm.$emit('change', 'lina');
    await flushPromises();
    expect(groupsApi.listGroupsApi.mock.calls.at(-1)?.[0]).toMatchObject({
      ownerUserId: 'lina',
      cursor: undefined,
    });

    await wrapper.get('[data-testid="filter-reset"]').trigger('click');
    await flushPromises();
    expect(groupsApi.listGroupsApi.mock.calls.at(-1)?.[0].ownerUserId).toBeUndefined();
  });

  it('a failed page says so with 重试, which asks again and shows the groups', async () => {
    groupsApi.listGroupsApi
      .mockRejectedValueOnce(new Error('network'))
      .mockResolvedValueOnce([group('wr1')]);
    const wrapper = await mountList();
    expect(wrapper.get('[data-testid="paged-error"]').text()).toContain('加载失败');
    // the page shows the error itself: the request is silent (no second toast)
    expect(groupsApi.listGroupsApi.mock.calls[0]?.[1]).toEqual({ silent: true });

    await wrapper.get('[data-testid="paged-retry"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="paged-error"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="group-row-wr1"]').exists()).toBe(true);
  });
});
