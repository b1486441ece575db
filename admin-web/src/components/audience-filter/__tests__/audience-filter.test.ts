import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import AudienceFilter from '#/components/audience-filter/audience-filter.vue';
import ConditionRow from '#/components/audience-filter/condition-row.vue';
import type { AudienceApi } from '#/api/segments';

const countAudienceApi = vi.hoisted(() => vi.fn(async () => ({ count: 42, countedAt: '' })));
vi.mock('#/api/segments', () => ({ countAudienceApi }));
vi.mock('#/api/tags', () => ({ listTagGroupsApi: vi.fn(async () => []) }));
vi.mock('#/api/groups', () => ({
  listGroupsApi: vi.fn(async () => [{ chatId: 'wr1', name: '' }]),
}));
vi.mock('#/composables/use-corp-lookups', () => ({
  useCorpLookups: () => ({
    staff: ref([{ userId: 'lina', name: '李娜' }]),
    channels: ref([{ id: 7, name: '静安店柜台' }]),
    staffName: (id: string) => id,
    channelName: () => null,
  }),
}));

// mounting with Element Plus takes seconds on a loaded machine
describe('the audience filter builder', { timeout: 60_000 }, () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    countAudienceApi.mockClear();
  });

  async function builder() {
    const wrapper = mount(AudienceFilter, { props: { corpId: 'ww1', debounceMs: 0 } });
    await flushPromises();
    return wrapper;
  }
  /** A row's props (the generic component's are not typed through findAllComponents). */
  const prop = (row: { props: () => unknown }, name: string) =>
    (row.props() as Record<string, unknown>)[name];
  const last = (wrapper: Awaited<ReturnType<typeof builder>>) =>
    wrapper.emitted('update:modelValue')!.at(-1)![0] as AudienceApi.Filter;

  it('shows one labelled row per condition, each with its control and options', async () => {
    const wrapper = await builder();
    const rows = wrapper.findAllComponents(ConditionRow);
    expect(rows.map((r) => prop(r, 'label'))).toEqual([
      '跟进员工',
      '渠道',
      '添加时间',
      '性别',
      '客户类型',
      '关系状态',
      '客户群',
      '最近聊天',
    ]);
    expect(rows.map((r) => prop(r, 'kind'))).toEqual([
      'select',
      'select',
      'range',
      'checks',
      'checks',
      'checks',
      'select',
      'range',
    ]);
    expect(wrapper.find('[data-testid="audience-genders"]').text()).toBe('男女未知');
    expect(prop(rows[1]!, 'options')).toEqual([{ value: '7', label: '静安店柜台' }]);
    // a group without a name is offered by its chat id
    expect(prop(rows[6]!, 'options')).toEqual([{ value: 'wr1', label: 'wr1' }]);
    expect(wrapper.find('[data-testid="audience-count"]').text()).toBe('共 42 位客户');
  });

  it('a row writes its condition into the filter, and the count follows', async () => {
    const wrapper = await builder();
    const rows = wrapper.findAllComponents(ConditionRow);
    rows[0]!.vm.$emit('update:modelValue', ['lina']);
    rows[3]!.vm.$emit('update:modelValue', [2]);
    rows[2]!.vm.$emit('update:modelValue', ['2026-11-01', '2026-11-30']);
    await flushPromises();
    expect(last(wrapper)).toEqual({
      staffUserIds: ['lina'],
      genders: [2],
      addedFrom: '2026-10-31T16:00:00.000Z',
      addedTo: '2026-11-30T16:00:00.000Z',
    });
    await new Promise((r) => setTimeout(r, 10));
    await flushPromises();
    expect(countAudienceApi).toHaveBeenLastCalledWith('ww1', last(wrapper), expect.anything());
    // 不在任何群 (the group row's extra control) turns the group picker off
    await wrapper.find('[data-testid="audience-no-group"] input').setValue(true);
    await flushPromises();
    expect(last(wrapper).groups).toEqual({ none: true });
    expect(prop(wrapper.findAllComponents(ConditionRow)[6]!, 'disabled')).toBe(true);
  });
});
