import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import FilterBar from '#/components/filter-bar.vue';
import type { FilterField } from '#/components/filter-fields';

const fields: FilterField[] = [
  {
    kind: 'select',
    key: 'status',
    placeholder: '状态',
    options: [{ label: '失败', value: 'failed' }],
    testid: 'f-status',
  },
  { kind: 'text', key: 'q', placeholder: '搜索', testid: 'f-q' },
  { kind: 'daterange', key: 'added', startPlaceholder: '开始', endPlaceholder: '结束' },
];

/** A page holding the filters as the views do (`v-model` on a ref) and logging the events. */
function mountPage() {
  const filters = ref({ status: '', q: '', added: null as [string, string] | null });
  const log: string[] = [];
  const Page = defineComponent(
    () => () =>
      h(FilterBar, {
        modelValue: filters.value,
        'onUpdate:modelValue': (v: object) => (filters.value = v as typeof filters.value),
        fields,
        onChange: (key: string, value: unknown) => log.push(`change ${key}=${String(value)}`),
        onSearch: () => log.push(`search ${JSON.stringify(filters.value)}`),
        onReset: () => log.push('reset'),
      }),
  );
  return { wrapper: mount(Page), filters, log };
}

describe('filter-bar', () => {
  it('a select searches as soon as it changes, with the new value in the filters', async () => {
    const { wrapper, log } = mountPage();
    const select = wrapper.findComponent({ name: 'ElSelect' });
    select.vm.$emit('update:modelValue', 'failed');
    select.vm.$emit('change', 'failed');
    expect(log).toEqual(['change status=failed', 'search {"status":"failed","q":"","added":null}']);
    // cleared (Element Plus gives undefined): back to ''
    select.vm.$emit('update:modelValue', undefined);
    select.vm.$emit('change', undefined);
    expect(log.at(-1)).toBe('search {"status":"","q":"","added":null}');
  });

  it('a text field edits as typed and searches on Enter; 查询 and 重置 say so', async () => {
    const { wrapper, filters, log } = mountPage();
    const input = wrapper.get('input[data-testid="f-q"]');
    await input.setValue('李');
    expect(filters.value.q).toBe('李');
    expect(log).toEqual([]);
    await input.trigger('keyup', { key: 'Enter' });
    expect(log).toEqual(['search {"status":"","q":"李","added":null}']);
    await wrapper.get('[data-testid="filter-search"]').trigger('click');
    await wrapper.get('[data-testid="filter-reset"]').trigger('click');
    expect(log.slice(1)).toEqual(['search {"status":"","q":"李","added":null}', 'reset']);
    expect(wrapper.get('[data-testid="filter-search"]').text()).toBe('查询');
  });

  it(
    'a date range (its picker loaded on demand) searches when picked; cleared it is null',
    { timeout: 30_000 },
    async () => {
      const { wrapper, filters, log } = mountPage();
      // the first import of the picker's chunk is transformed on the fly: give it time
      await vi.waitFor(
        async () => {
          await flushPromises();
          expect(wrapper.findComponent({ name: 'ElDatePicker' }).exists()).toBe(true);
        },
        { timeout: 20_000, interval: 100 },
      );
      const picker = wrapper.findComponent({ name: 'ElDatePicker' });
      picker.vm.$emit('update:modelValue', ['2026-11-01', '2026-11-30']);
      picker.vm.$emit('change', ['2026-11-01', '2026-11-30']);
      expect(filters.value.added).toEqual(['2026-11-01', '2026-11-30']);
      expect(log).toEqual([
        'change added=2026-11-01,2026-11-30',
        expect.stringMatching(/^search /),
      ]);
      picker.vm.$emit('update:modelValue', null);
      expect(filters.value.added).toBeNull();
    },
  );
});
