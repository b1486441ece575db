import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ElTag } from 'element-plus';
import { reactive } from 'vue';
import CustomersList from '#/views/customers/list.vue';

const corp = reactive({ corpId: 'ww-test' });
vi.mock('#/stores/corp', () => ({ useCorpStore: () => corp }));
const customersApi = vi.hoisted(() => ({
  FOLLOW_STATUSES: ['active'],
  queryCustomersApi: vi.fn(),
  getCustomerDetailApi: vi.fn(),
}));
vi.mock('#/api/customers', () => customersApi);
// a viewer: the channel list is forbidden to them
const channelsApi = vi.hoisted(() => ({
  listChannelsApi: vi.fn(async () => {
    throw new Error('403');
  }),
}));
vi.mock('#/api/channels', () => channelsApi);
vi.mock('#/api/staff', () => ({ listAllStaffApi: vi.fn(async () => []) }));
vi.mock('#/api/segments', () => ({ listSegmentsApi: vi.fn(async () => []) }));

const follow = (over: Record<string, unknown>) => ({
  userId: 'lina',
  staffName: '李娜',
  remark: '',
  status: 'active',
  state: 'ch_7f3a9c',
  channelId: '12',
  channelName: '静安店柜台',
  addedAt: '2026-11-30T06:00:00.000Z',
  ...over,
});
const customer = (externalUserId: string, follows: unknown[]) => ({
  id: externalUserId,
  externalUserId,
  name: '张三',
  avatar: '',
  type: 1,
  gender: 1,
  corpName: null,
  firstAddedAt: '2026-11-30T06:00:00.000Z',
  addedAt: '2026-11-30T06:00:00.000Z',
  follows,
});

// mounting the page with Element Plus takes seconds on a loaded machine
describe('customer list for a viewer (no channel list)', { timeout: 30_000 }, () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    customersApi.queryCustomersApi.mockReset();
    customersApi.getCustomerDetailApi.mockReset();
  });

  it('shows the channel names the server gives, not the ch_ codes', async () => {
    customersApi.queryCustomersApi.mockResolvedValue({
      items: [
        customer('wmA', [follow({})]),
        customer('wmB', [follow({ channelId: null, channelName: null, state: 'legacy-state' })]),
      ],
      nextCursor: null,
    });
    const wrapper = mount(CustomersList, { attachTo: document.body });
    await flushPromises();
    expect(channelsApi.listChannelsApi).toHaveBeenCalled();
    // the list asks with the audience filter (empty: every current customer), newest first
    expect(customersApi.queryCustomersApi).toHaveBeenCalledWith({
      corpId: 'ww-test',
      filter: {},
      cursor: undefined,
      limit: 50,
    });
    expect(wrapper.find('[data-testid="customer-channel-wmA"]').text()).toBe('静安店柜台');
    // a state no channel names is still shown as it is
    expect(wrapper.find('[data-testid="customer-channel-wmB"]').text()).toBe('legacy-state');
    expect(wrapper.text()).not.toContain('ch_7f3a9c');

    // the detail's relations and timeline name the channel too
    customersApi.getCustomerDetailApi.mockResolvedValue({
      customer: { ...customer('wmA', []), unionId: null, corpFullName: null, position: null },
      follows: [{ ...follow({}), tags: [], description: '', remarkMobiles: [], addWay: 1 }],
      groups: [],
      timeline: [
        {
          id: '1',
          kind: 'added',
          userId: 'lina',
          detail: { state: 'ch_7f3a9c' },
          occurredAt: '2026-11-30T06:00:00.000Z',
        },
      ],
    });
    await wrapper.find('.el-table__row').trigger('click');
    await flushPromises();
    expect(customersApi.getCustomerDetailApi).toHaveBeenCalledWith('ww-test', 'wmA');
    expect(document.querySelector('[data-testid="detail-channel"]')?.textContent?.trim()).toBe(
      '静安店柜台',
    );
    expect(document.body.textContent).toContain('通过「静安店柜台」');
    expect(document.body.textContent).not.toContain('ch_7f3a9c');
    wrapper.unmount();
  });
});

describe('the customer drawer', { timeout: 30_000 }, () => {
  beforeEach(() => {
    document.body.innerHTML = ''; // the drawers of earlier tests (teleported to body)
    setActivePinia(createPinia());
    customersApi.queryCustomersApi.mockReset();
    customersApi.getCustomerDetailApi.mockReset();
    customersApi.queryCustomersApi.mockResolvedValue({
      items: [customer('wmA', [follow({})])],
      nextCursor: null,
    });
  });

  const mark = (over: Record<string, unknown>) => ({
    tagId: 'et1',
    tagName: '金卡会员',
    groupId: 'g1',
    groupName: '客户等级',
    source: 'manual',
    markedAt: '2026-11-30T06:00:00.000Z',
    ...over,
  });

  async function openDrawer(detail: Record<string, unknown>) {
    customersApi.getCustomerDetailApi.mockResolvedValue({
      customer: { ...customer('wmA', []), unionId: null, corpFullName: null, position: null },
      follows: [],
      groups: [],
      timeline: [],
      ...detail,
    });
    const wrapper = mount(CustomersList, { attachTo: document.body });
    await flushPromises();
    await wrapper.find('.el-table__row').trigger('click');
    await flushPromises();
    return wrapper;
  }
  const text = (testId: string) =>
    document.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

  it('shows every tag of a group, a source it does not know or none at all said neutrally', async () => {
    const wrapper = await openDrawer({
      follows: [
        {
          ...follow({}),
          tags: [
            mark({ tagId: 'et1', source: undefined }),
            mark({ tagId: 'et2', tagName: '黑金会员', source: 'from_the_future' }),
            mark({
              tagId: 'et3',
              tagName: '银卡会员',
              source: 'manual',
              actor: 'admin',
              bulkJobId: '7',
            }),
          ],
        },
      ],
    });
    expect(text('detail-tag-et1')).toBe('金卡会员 其他来源');
    expect(text('detail-tag-et2')).toBe('黑金会员 其他来源');
    // by hand in bulk, and who did it
    expect(text('detail-tag-et3')).toBe('银卡会员 后台手动打标 · 批量打标签 · admin');
    expect(text('detail-tags')).toContain('客户等级');
    expect(text('detail-tags')).not.toContain('暂无标签');
    // shown at once: not zoomed in (a screenshot right after opening showed no chips)
    const tags = wrapper.findAllComponents(ElTag);
    expect(tags.length).toBeGreaterThanOrEqual(4);
    expect(tags.filter((tag) => !tag.props('disableTransitions'))).toEqual([]);
    wrapper.unmount();
  });

  it('says each follow relation’s state in the 状态 column', async () => {
    const wrapper = await openDrawer({
      follows: [
        { ...follow({ userId: 'a', status: 'active' }), tags: [] },
        { ...follow({ userId: 'b', status: 'deleted_by_customer' }), tags: [] },
        { ...follow({ userId: 'c', status: 'deleted_by_staff' }), tags: [] },
        { ...follow({ userId: 'd', status: 'transferred_out' }), tags: [] },
      ],
    });
    const states = [...document.querySelectorAll('[data-testid="detail-follow-status"]')].map(
      (el) => el.textContent?.trim(),
    );
    expect(states).toEqual(['跟进中', '客户已删除', '员工已删除', '已转接']);
    expect(
      document.querySelector('[data-testid="detail-follows"] [class*="el-zoom-in"]'),
    ).toBeNull();
    wrapper.unmount();
  });

  it('shows 不在任何客户群 with no spinner over it once the detail is there', async () => {
    const wrapper = await openDrawer({ groups: [] });
    const groups = document.querySelector('[data-testid="detail-groups"]')!;
    expect(groups.textContent).toContain('不在任何客户群');
    const drawer = document.querySelector('[data-testid="customer-detail"]')!;
    expect(drawer.querySelector('.el-loading-mask')).toBeNull();
    expect(drawer.querySelector('[data-testid="detail-loading"]')).toBeNull();
    wrapper.unmount();
  });
});
