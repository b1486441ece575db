import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import CustomersList from '#/views/customers/list.vue';

const api = vi.hoisted(() => ({ listCustomersApi: vi.fn(), getCustomerDetailApi: vi.fn() }));
vi.mock('#/api/customers', () => api);
const corpsApi = vi.hoisted(() => ({ listCorpsApi: vi.fn() }));
vi.mock('#/api/corps', () => corpsApi);

const customer = {
  id: '1',
  externalUserId: 'wm_li',
  name: '李雷',
  avatar: '',
  type: 1,
  gender: 1,
  corpName: null,
  firstAddedAt: '2026-11-01T02:00:00.000Z',
  follows: [
    {
      userId: 'zhangwei',
      staffName: '张伟',
      remark: '老客户',
      status: 'active',
      state: 'store_jingan',
      addedAt: '2026-11-01T02:00:00.000Z',
    },
  ],
};

describe('customers page', () => {
  beforeEach(() => {
    corpsApi.listCorpsApi.mockResolvedValue([{ corpId: 'ww1234567', name: 'Demo' }]);
    api.listCustomersApi.mockResolvedValue({ items: [customer], nextCursor: '1' });
    api.getCustomerDetailApi.mockResolvedValue({
      customer: { name: '李雷' },
      follows: [{ ...customer.follows[0], tags: [{ tagId: 't1', tagName: 'VIP' }] }],
      timeline: [{ id: '5', kind: 'customer_added', occurredAt: '2026-11-01T02:00:00.000Z' }],
    });
  });

  it('lists the first corp, searches, pages and opens the detail', async () => {
    const wrapper = mount(CustomersList);
    await flushPromises();
    expect(api.listCustomersApi).toHaveBeenCalledWith({ corpId: 'ww1234567', limit: 50 });
    expect(wrapper.text()).toContain('李雷');
    expect(wrapper.text()).toContain('张伟 (老客户)');
    expect(wrapper.text()).toContain('store_jingan');
    expect(wrapper.find('select[aria-label="Corp"]').exists()).toBe(false);

    await wrapper.get('[data-testid="load-more"]').trigger('click');
    await flushPromises();
    expect(api.listCustomersApi).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: '1' }));

    await wrapper.get('input[aria-label="Search customers"]').setValue(' 李 ');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(api.listCustomersApi).toHaveBeenLastCalledWith({
      corpId: 'ww1234567',
      q: '李',
      limit: 50,
    });

    await wrapper.get('[data-testid="customer-row-wm_li"]').trigger('click');
    await flushPromises();
    expect(api.getCustomerDetailApi).toHaveBeenCalledWith('ww1234567', 'wm_li');
    const drawer = wrapper.get('[data-testid="customer-detail"]');
    expect(drawer.get('[data-testid="detail-tags"]').text()).toContain('VIP');
    expect(drawer.get('[data-testid="detail-timeline"]').text()).toContain('customer_added');
  });

  it('shows a corp select when there are several', async () => {
    corpsApi.listCorpsApi.mockResolvedValue([
      { corpId: 'ww1234567', name: 'Demo' },
      { corpId: 'ww7654321', name: 'Other' },
    ]);
    const wrapper = mount(CustomersList);
    await flushPromises();
    await wrapper.get('select[aria-label="Corp"]').setValue('ww7654321');
    await flushPromises();
    expect(api.listCustomersApi).toHaveBeenLastCalledWith({ corpId: 'ww7654321', limit: 50 });
  });
});
