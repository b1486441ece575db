import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiError } from '#/api/request';
import { routes } from '#/router/routes';
import { useAuthStore } from '#/stores/auth';
import WecomCallback from '#/views/setup/wecom-callback.vue';
import { WECOM_LOGIN_CORP_KEY } from '#/views/setup/wecom-login';

const api = vi.hoisted(() => ({ wecomLoginApi: vi.fn(), getWecomLoginUrlApi: vi.fn() }));
vi.mock('#/api/staff-access', () => api);
vi.mock('#/api/corps', () => ({ listCorpsApi: vi.fn(async () => []) }));
vi.mock('#/api/setup', () => ({ getSetupStatusApi: vi.fn(async () => ({ needsSetup: false })) }));

async function mountAt(path: string) {
  setActivePinia(createPinia());
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push(path);
  const wrapper = mount(WecomCallback, { global: { plugins: [router] } });
  await flushPromises();
  return { wrapper, router };
}

describe('WeCom web login, the way back', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.setItem(WECOM_LOGIN_CORP_KEY, 'ww5f3a9c1e7b2d4068');
  });

  it('exchanges the code and state for a session with the staff member', async () => {
    api.wecomLoginApi.mockResolvedValue({
      accessToken: 'staff-token',
      expiresIn: 3600,
      user: { id: 's1', username: 'lina', displayName: '李娜', role: 'manager', kind: 'staff' },
    });
    const { router } = await mountAt('/login/wecom?code=C0DE&state=S7ATE');
    expect(api.wecomLoginApi).toHaveBeenCalledWith({
      corpId: 'ww5f3a9c1e7b2d4068',
      code: 'C0DE',
      state: 'S7ATE',
    });
    expect(useAuthStore().user?.displayName).toBe('李娜');
    expect(useAuthStore().accessToken).toBe('staff-token');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/dashboard'));
  });

  it("says why when the server refuses (no console role), with the server's sentence", async () => {
    api.wecomLoginApi.mockRejectedValue(
      new ApiError(403, 'STAFF_NO_CONSOLE_ROLE', '管理员还没有给你控制台角色'),
    );
    const { wrapper } = await mountAt('/login/wecom?code=C0DE&state=S7ATE');
    expect(wrapper.find('[data-testid="wecom-callback-error"]').text()).toContain(
      '企业微信登录失败：管理员还没有给你控制台角色',
    );
    expect(useAuthStore().accessToken).toBeNull();
  });
});
