import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import SegmentSelect from '#/components/audience-filter/segment-select.vue';
import type { AudienceApi } from '#/api/segments';

const segment = (id: string, name: string, customerCount: number | null) =>
  ({
    id,
    name,
    filter: {},
    customerCount,
    countedAt: customerCount === null ? null : new Date().toISOString(),
  }) as AudienceApi.Segment;

describe('segment-select', () => {
  it('lists the segments with their last count, and writes the picked id back', async () => {
    const picked = ref('');
    const Page = defineComponent(
      () => () =>
        h(SegmentSelect, {
          modelValue: picked.value,
          'onUpdate:modelValue': (v: string) => (picked.value = v),
          segments: [segment('1', '双十二老客', 12345), segment('2', '新客', null)],
          'data-testid': 'segment',
        }),
    );
    const wrapper = mount(Page, { attachTo: document.body });
    const select = wrapper.findComponent({ name: 'ElSelect' });
    expect(select.props('placeholder')).toBe('选择分群');
    expect(select.attributes('data-testid')).toBe('segment');
    const options = wrapper.findAllComponents({ name: 'ElOption' });
    expect(options.map((o) => [o.props('label'), o.props('value')])).toEqual([
      ['双十二老客', '1'],
      ['新客', '2'],
    ]);
    expect(options[0]!.text()).toContain('12,345 人');
    expect(options[1]!.text()).toContain('未统计');
    select.vm.$emit('update:modelValue', '2');
    await wrapper.vm.$nextTick();
    expect(picked.value).toBe('2');
    wrapper.unmount();
  });
});
