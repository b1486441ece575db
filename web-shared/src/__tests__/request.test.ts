import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  compactParams,
  createRequestClient,
  type RequestClientOptions,
} from '../request';

type Reply = { status: number; data: unknown } | 'network';

/** A client of the core whose transport answers `reply` and records the requests it got. */
function clientReplying(reply: Reply, options: Partial<RequestClientOptions> = {}) {
  const hooks = {
    getToken: vi.fn(() => 'tok-9'),
    onUnauthorized: vi.fn(),
    onError: vi.fn(),
  };
  const client = createRequestClient({ baseURL: '/api', ...hooks, ...options });
  const seen: InternalAxiosRequestConfig[] = [];
  client.defaults.adapter = async (config) => {
    seen.push(config);
    if (reply === 'network') throw new AxiosError('down', 'ERR_NETWORK', config, {}, undefined);
    const response = {
      data: reply.data,
      status: reply.status,
      statusText: 'Bad',
      headers: {},
      config,
    };
    if (reply.status >= 400)
      throw new AxiosError('failed', 'ERR_BAD_RESPONSE', config, null, response);
    return response;
  };
  return { client, seen, hooks };
}

describe('web-shared request core', () => {
  it('sends the bearer token it is given, and none when there is none', async () => {
    const { client, seen } = clientReplying({ status: 200, data: {} });
    await client.get('/auth/me');
    expect(AxiosHeaders.from(seen[0]!.headers).get('Authorization')).toBe('Bearer tok-9');

    const anonymous = clientReplying({ status: 200, data: {} }, { getToken: () => null });
    await anonymous.client.get('/health');
    expect(AxiosHeaders.from(anonymous.seen[0]!.headers).has('Authorization')).toBe(false);
  });

  it("unwraps the server's error body into an ApiError and shows it once", async () => {
    const { client, hooks } = clientReplying({
      status: 400,
      data: {
        code: 'VALIDATION_FAILED',
        message: 'name must not be empty',
        errors: { name: ['name must not be empty'] },
        requestId: 'req-1',
      },
    });
    const error = await client.post('/things', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: { name: ['name must not be empty'] },
      requestId: 'req-1',
    });
    expect(hooks.onError).toHaveBeenCalledTimes(1);
    expect(hooks.onError.mock.calls[0]![0].message).toBe('name must not be empty');
  });

  it('a silent request rejects without showing anything', async () => {
    const { client, hooks } = clientReplying({
      status: 429,
      data: { code: 'RATE_LIMITED', message: 'Too many attempts', requestId: 'r' },
    });
    await expect(client.post('/auth/login', {}, { silent: true })).rejects.toThrow(
      'Too many attempts',
    );
    expect(hooks.onError).not.toHaveBeenCalled();
  });

  it('a 401 goes to onUnauthorized, not to the toast; skipAuthRedirect makes it an answer', async () => {
    const expired = clientReplying({
      status: 401,
      data: { code: 'AUTH_TOKEN_EXPIRED', message: 'Token expired', requestId: 'r' },
    });
    await expect(expired.client.get('/customers')).rejects.toMatchObject({ status: 401 });
    expect(expired.hooks.onUnauthorized).toHaveBeenCalledTimes(1);
    expect(expired.hooks.onError).not.toHaveBeenCalled();

    const wrongPassword = clientReplying({
      status: 401,
      data: { code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong password', requestId: 'r' },
    });
    await expect(
      wrongPassword.client.post('/auth/login', {}, { skipAuthRedirect: true, silent: true }),
    ).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    expect(wrongPassword.hooks.onUnauthorized).not.toHaveBeenCalled();
  });

  it("says what happened in the app's language when the server gave no error body", async () => {
    const messages = () => ({
      network: () => '无法连接服务器',
      status: (status: number) => `服务器返回错误（HTTP ${status}）`,
    });
    const gateway = clientReplying({ status: 502, data: '<html>Bad gateway</html>' }, { messages });
    await expect(gateway.client.get('/x')).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_502',
      message: '服务器返回错误（HTTP 502）',
    });
    const down = clientReplying('network', { messages });
    await expect(down.client.get('/x')).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
      message: '无法连接服务器',
    });
  });

  it('compactParams drops empty values only', () => {
    expect(compactParams({ a: '', b: undefined, c: null, d: 0, e: false, f: 'x' })).toEqual({
      d: 0,
      e: false,
      f: 'x',
    });
  });
});
