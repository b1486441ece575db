import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
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

describe('customer list for a viewer (no channel list)', () => {
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
