import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiError } from '#/api/request';
import { routes } from '#/router/routes';
import LoginView from '#/views/_core/login.vue';
import { validateLoginForm } from '#/views/_core/login-schema';

const api = vi.hoisted(() => ({ loginApi: vi.fn(), getMeApi: vi.fn() }));
vi.mock('#/api/auth', () => api);

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
      username: 'Enter your username.',
      password: 'Enter your password.',
    });
  });

  it('limits lengths', () => {
    const errors = validateLoginForm({ username: 'a'.repeat(65), password: 'p'.repeat(129) });
    expect(errors.username).toMatch(/at most 64/);
    expect(errors.password).toMatch(/at most 128/);
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
    expect(wrapper.text()).toContain('Enter your username.');
    expect(wrapper.text()).toContain('Enter your password.');
    expect(wrapper.find('#login-username').attributes('aria-invalid')).toBe('true');
    expect(api.loginApi).not.toHaveBeenCalled();
  });

  it("shows the server's message on 401", async () => {
    api.loginApi.mockRejectedValue(
      new ApiError(401, 'AUTH_INVALID_CREDENTIALS', 'Invalid username or password'),
    );
    const { wrapper } = await mountLogin();
    await wrapper.find('#login-username').setValue('admin');
    await wrapper.find('#login-password').setValue('nope');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(api.loginApi).toHaveBeenCalledWith({ username: 'admin', password: 'nope' });
    expect(wrapper.find('[data-testid="login-error"]').text()).toBe('Invalid username or password');
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
    expect(wrapper.text()).toContain('username must be shorter than or equal to 64 characters');
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
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/channels'));
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
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/dashboard'));
  });
});
