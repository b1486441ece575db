import { AxiosError, AxiosHeaders } from 'axios';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createRequestClient, setUnauthorizedHandler } from '#/api/request';
import { useSessionStore } from '#/stores/session';

const vant = vi.hoisted(() => ({ showFailToast: vi.fn() }));
vi.mock('vant', () => vant);

function clientReplying(status: number, data: unknown) {
  const client = createRequestClient('/api');
  const headers: (string | undefined)[] = [];
  client.defaults.adapter = async (config) => {
    headers.push(AxiosHeaders.from(config.headers).get('Authorization') as string | undefined);
    const response = { data, status, statusText: '', headers: {}, config };
    if (status >= 400) throw new AxiosError('failed', 'ERR_BAD_RESPONSE', config, null, response);
    return response;
  };
  return { client, headers };
}

describe('sidebar request client', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    vant.showFailToast.mockReset();
  });

  it('sends the session token', async () => {
    useSessionStore().setSession({ token: 'tok', staff: { userId: 'u', name: 'U' } });
    const { client, headers } = clientReplying(200, {});
    await client.get('/sidebar/customers/x');
    expect(headers[0]).toBe('Bearer tok');
  });

  it("shows the server's message in one toast and rejects with it", async () => {
    const { client } = clientReplying(403, {
      code: 'FORBIDDEN',
      message: 'Not your customer',
      requestId: 'r',
    });
    await expect(client.get('/x')).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(vant.showFailToast).toHaveBeenCalledWith('Not your customer');
  });

  it('401 clears the session and starts over', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const store = useSessionStore();
    store.setSession({ token: 'old', staff: { userId: 'u', name: 'U' } });
    const { client } = clientReplying(401, { code: 'UNAUTHORIZED', message: 'x', requestId: 'r' });
    await expect(client.get('/x')).rejects.toMatchObject({ status: 401 });
    expect(store.token).toBeNull();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(vant.showFailToast).not.toHaveBeenCalled();
  });
});
