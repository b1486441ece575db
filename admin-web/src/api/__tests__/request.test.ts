import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createRequestClient, setUnauthorizedHandler } from '#/api/request';
import { useMessage } from '#/composables/use-message';
import { useAuthStore } from '#/stores/auth';

type Reply = { status: number; data: unknown };

/** A client whose transport answers `reply` and records the request it got. */
function clientReplying(reply: Reply) {
  const client = createRequestClient('/api');
  const seen: InternalAxiosRequestConfig[] = [];
  client.defaults.adapter = async (config) => {
    seen.push(config);
    const response = {
      data: reply.data,
      status: reply.status,
      statusText: '',
      headers: {},
      config,
    };
    if (reply.status >= 400) {
      throw new AxiosError('failed', 'ERR_BAD_RESPONSE', config, null, response);
    }
    return response;
  };
  return { client, seen };
}

describe('request client', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    useMessage().clear();
  });

  it('attaches the bearer token of the auth store', async () => {
    const auth = useAuthStore();
    auth.accessToken = 'tok-9';
    const { client, seen } = clientReplying({ status: 200, data: { ok: true } });
    await client.get('/auth/me');
    expect(AxiosHeaders.from(seen[0]!.headers).get('Authorization')).toBe('Bearer tok-9');
  });

  it('unwraps the error body into an ApiError and shows one toast', async () => {
    const { client } = clientReplying({
      status: 400,
      data: {
        code: 'VALIDATION_FAILED',
        message: 'Some fields are invalid',
        errors: { name: ['name must not be empty'] },
        requestId: 'req-1',
      },
    });
    const error = await client.post('/things', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Some fields are invalid',
      errors: { name: ['name must not be empty'] },
      requestId: 'req-1',
    });
    expect(useMessage().messages.map((m) => m.text)).toEqual(['Some fields are invalid']);
  });

  it('silent requests show no toast', async () => {
    const { client } = clientReplying({
      status: 429,
      data: { code: 'RATE_LIMITED', message: 'Too many attempts', requestId: 'r' },
    });
    await expect(client.post('/auth/login', {}, { silent: true })).rejects.toThrow(
      'Too many attempts',
    );
    expect(useMessage().messages).toHaveLength(0);
  });

  it('401 clears the session and hands over to the unauthorized handler', async () => {
    const auth = useAuthStore();
    auth.accessToken = 'stale';
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const { client } = clientReplying({
      status: 401,
      data: { code: 'AUTH_TOKEN_EXPIRED', message: 'Token expired', requestId: 'r' },
    });

    await expect(client.get('/customers')).rejects.toMatchObject({ status: 401 });

    expect(auth.accessToken).toBeNull();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('401 with skipAuthRedirect (wrong password) keeps the session flow out of it', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const { client } = clientReplying({
      status: 401,
      data: { code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong password', requestId: 'r' },
    });
    await expect(
      client.post('/auth/login', {}, { skipAuthRedirect: true, silent: true }),
    ).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('an answer without the error shape still becomes an ApiError', async () => {
    const { client } = clientReplying({ status: 502, data: '<html>Bad gateway</html>' });
    await expect(client.get('/x')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });
});
