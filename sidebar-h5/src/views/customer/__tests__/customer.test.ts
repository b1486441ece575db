import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { useSessionStore } from '#/stores/session';
import CustomerView from '#/views/customer/index.vue';

describe('customer view (shell)', () => {
  it('shows the signed-in guide and the empty state', () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    useSessionStore().setSession({ token: 't', staff: { userId: 'zhangsan', name: '张三' } });

    const wrapper = mount(CustomerView, { global: { plugins: [pinia] } });

    expect(wrapper.find('.van-nav-bar__title').text()).toBe('Customer profile');
    expect(wrapper.find('[data-testid="staff-cell"]').text()).toContain('张三');
    expect(wrapper.find('[data-testid="staff-cell"]').text()).toContain('zhangsan');
    expect(wrapper.find('.van-empty__description').text()).toBe(
      'Open a customer chat to see their profile',
    );
  });
});
