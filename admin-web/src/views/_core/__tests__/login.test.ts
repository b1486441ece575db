import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiError } from '#/api/request';
import { setLocale } from '#/locales';
import { routes } from '#/router/routes';
import LoginView from '#/views/_core/login.vue';
import { validateLoginForm } from '#/views/_core/login-schema';

const api = vi.hoisted(() => ({ loginApi: vi.fn(), getMeApi: vi.fn() }));
vi.mock('#/api/auth', () => api);
const corpsApi = vi.hoisted(() => ({ listCorpsApi: vi.fn(async () => []) }));
vi.mock('#/api/corps', () => corpsApi);

async function mountLogin(path = '/login') {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push(path);
  const wrapper = mount(LoginView, { global: { plugins: [pinia, router] } });
  return { wrapper, router };
}

describe('validateLoginForm', () => {
  it('requires both fields', () => {
    expect(validateLoginForm({ username: '  ', password: '' })).toEqual({
      username: '请输入用户名。',
      password: '请输入密码。',
    });
  });

  it('speaks the chosen language', () => {
    setLocale('en');
    expect(validateLoginForm({ username: '', password: 'x' }).username).toBe(
      'Enter your username.',
    );
  });

  it('limits lengths', () => {
    const errors = validateLoginForm({ username: 'a'.repeat(65), password: 'p'.repeat(129) });
    expect(errors.username).toBe('用户名最多 64 个字符。');
    expect(errors.password).toBe('密码最多 128 个字符。');
  });

  it('accepts a filled form', () => {
    expect(validateLoginForm({ username: 'admin', password: 'x' })).toEqual({});
  });
});

describe('login view', () => {
  beforeEach(() => {
    localStorage.clear();
    api.loginApi.mockReset();
  });

  it('shows field errors and does not call the server when empty', async () => {
    const { wrapper } = await mountLogin();
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    // the message under each field, the field marked as in error
    expect(wrapper.find('[data-testid="login-username-error"]').text()).toBe('请输入用户名。');
    expect(wrapper.find('[data-testid="login-password-error"]').text()).toBe('请输入密码。');
    expect(wrapper.findAll('.field.is-error')).toHaveLength(2);
    expect(wrapper.find('#login-username').attributes('aria-invalid')).toBe('true');
    expect(api.loginApi).not.toHaveBeenCalled();
  });

  it('says the username or password is wrong on 401', async () => {
    api.loginApi.mockRejectedValue(
      new ApiError(401, 'AUTH_INVALID_CREDENTIALS', 'Invalid username or password'),
    );
    const { wrapper } = await mountLogin();
    await wrapper.find('#login-username').setValue('admin');
    await wrapper.find('#login-password').setValue('nope');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(api.loginApi).toHaveBeenCalledWith({ username: 'admin', password: 'nope' });
    expect(wrapper.find('[data-testid="login-error"]').text()).toContain('用户名或密码错误。');
  });

  it("shows the server's per-field errors on 400", async () => {
    api.loginApi.mockRejectedValue(
      new ApiError(400, 'VALIDATION_FAILED', 'Invalid input', {
        username: ['username must be shorter than or equal to 64 characters'],
      }),
    );
    const { wrapper } = await mountLogin();
    await wrapper.find('#login-username').setValue('admin');
    await wrapper.find('#login-password').setValue('pw');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="login-username-error"]').text()).toBe(
      'username must be shorter than or equal to 64 characters',
    );
    expect(wrapper.find('[data-testid="login-password-error"]').exists()).toBe(false);
  });

  it('says why it is here after a session ended', async () => {
    const { wrapper } = await mountLogin('/login?reason=expired');
    expect(wrapper.find('[data-testid="login-expired"]').text()).toContain(
      '登录已过期，请重新登录。',
    );
  });

  it('signs in and goes to the page asked for', async () => {
    api.loginApi.mockResolvedValue({
      accessToken: 'tok',
      expiresIn: 3600,
      user: { id: '1', username: 'admin', displayName: 'Admin', role: 'admin' },
    });
    const { wrapper, router } = await mountLogin('/login?redirect=/channels');
    await wrapper.find('#login-username').setValue(' admin ');
    await wrapper.find('#login-password').setValue('secret');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(api.loginApi).toHaveBeenCalledWith({ username: 'admin', password: 'secret' });
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/channels'), {
      timeout: 10_000,
    });
  });

  it('never redirects to another origin', async () => {
    api.loginApi.mockResolvedValue({
      accessToken: 'tok',
      expiresIn: 3600,
      user: { id: '1', username: 'admin', displayName: 'Admin', role: 'admin' },
    });
    const { wrapper, router } = await mountLogin('/login?redirect=//evil.example.com');
    await wrapper.find('#login-username').setValue('admin');
    await wrapper.find('#login-password').setValue('secret');
    await wrapper.find('form').trigger('submit');
    // The target page is lazy-loaded: wait for the navigation to finish.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/dashboard'), {
      timeout: 10_000,
    });
  });
});
