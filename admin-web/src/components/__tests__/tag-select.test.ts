import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import TagSelect from '#/components/tag-select.vue';
import type { TagsApi } from '#/api/tags';

const groups = [
  {
    groupId: 'g1',
    name: '客户等级',
    tags: [
      { tagId: 't1', name: '金卡' },
      { tagId: 't2', name: '银卡' },
    ],
  },
  { groupId: 'g2', name: '兴趣', tags: [{ tagId: 't3', name: '户外' }] },
] as unknown as TagsApi.Group[];

function mountPage(initial: string[]) {
  const tagIds = ref(initial);
  const Page = defineComponent(
    () => () =>
      h(TagSelect, {
        modelValue: tagIds.value,
        'onUpdate:modelValue': (v: string[]) => (tagIds.value = v),
        groups,
        placeholder: '选择标签',
        'data-testid': 'tags',
      }),
  );
  return { wrapper: mount(Page, { attachTo: document.body }), tagIds };
}

describe('tag-select', () => {
  it('offers the tags under their groups and writes the picked tag ids back', async () => {
    const { wrapper, tagIds } = mountPage(['t1']);
    const select = wrapper.findComponent({ name: 'ElSelect' });
    expect(select.props('multiple')).toBe(true);
    expect(select.props('placeholder')).toBe('选择标签');
    expect(select.attributes('data-testid')).toBe('tags');
    const groupsShown = wrapper.findAllComponents({ name: 'ElOptionGroup' });
    expect(groupsShown.map((g) => g.props('label'))).toEqual(['客户等级', '兴趣']);
    const options = wrapper.findAllComponents({ name: 'ElOption' });
    expect(options.map((o) => [o.props('label'), o.props('value')])).toEqual([
      ['金卡', 't1'],
      ['银卡', 't2'],
      ['户外', 't3'],
    ]);
    select.vm.$emit('update:modelValue', ['t1', 't3']);
    await wrapper.vm.$nextTick();
    expect(tagIds.value).toEqual(['t1', 't3']);
    wrapper.unmount();
  });
});
