import { AxiosError } from 'axios';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const element = vi.hoisted(() => ({
  ElMessage: vi.fn((options: { type: string; message: string }) => options),
}));
// the toast's module is loaded when the first one is shown
vi.mock('element-plus/es/components/message/index.mjs', () => element);

import { createRequestClient, setForbiddenHandler, setUnauthorizedHandler } from '#/api/request';
import { setLocale } from '#/locales';
import { useAuthStore } from '#/stores/auth';

function clientReplying(status: number | 'network', data: unknown = {}) {
  const client = createRequestClient('/api');
  client.defaults.adapter = async (config) => {
    if (status === 'network') throw new AxiosError('down', 'ERR_NETWORK', config, {}, undefined);
    const response = { data, status, statusText: '', headers: {}, config };
    if (status >= 400) throw new AxiosError('failed', 'ERR_BAD_RESPONSE', config, null, response);
    return response;
  };
  return client;
}

/** The texts of the toasts shown, by type. */
const toasts = async () => {
  // the toast's module is imported when the first one is shown: let its promise settle
  await new Promise((resolve) => setTimeout(resolve, 0));
  return element.ElMessage.mock.calls.map(([options]) => `${options.type}: ${options.message}`);
};

describe("the console's request client (web-shared core + session + Element Plus toast)", () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    element.ElMessage.mockReset();
  });

  it("shows the server's message in one error toast", async () => {
    const client = clientReplying(409, { code: 'CONFLICT', message: '名称已存在', requestId: 'r' });
    await expect(client.post('/x')).rejects.toMatchObject({ status: 409 });
    expect(await toasts()).toEqual(['error: 名称已存在']);
  });

  it("a 403 on a page's data opens the 403 page with the reason; a refused action is a toast", async () => {
    const onForbidden = vi.fn();
    setForbiddenHandler(onForbidden);
    const client = clientReplying(403, {
      code: 'FORBIDDEN',
      message: '不在你的企业范围内',
      requestId: 'r',
    });
    await expect(client.get('/admin/customers')).rejects.toMatchObject({ status: 403 });
    expect(onForbidden).toHaveBeenCalledWith('不在你的企业范围内');
    expect(await toasts()).toEqual([]);
    await expect(client.delete('/admin/channels/3')).rejects.toMatchObject({ status: 403 });
    expect(await toasts()).toEqual(['error: 不在你的企业范围内']);
    setForbiddenHandler(null);
  });

  it('says in Chinese that the server cannot be reached, and in English after the switch', async () => {
    await expect(clientReplying('network').get('/x')).rejects.toMatchObject({ status: 0 });
    setLocale('en');
    await expect(clientReplying('network').get('/x')).rejects.toMatchObject({ status: 0 });
    expect(await toasts()).toEqual([
      'error: 无法连接服务器，请稍后再试。',
      'error: The server cannot be reached. Try again shortly.',
    ]);
  });

  it('a 401 ends the session, says so once, and leaves for the login page', async () => {
    const auth = useAuthStore();
    auth.accessToken = 'stale';
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const client = clientReplying(401, {
      code: 'AUTH_TOKEN_EXPIRED',
      message: 'x',
      requestId: 'r',
    });
    await expect(client.get('/customers')).rejects.toMatchObject({ status: 401 });
    expect(auth.accessToken).toBeNull();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(await toasts()).toEqual(['warning: 登录已过期，请重新登录。']);
  });
});
