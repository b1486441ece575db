import { beforeEach, describe, expect, it, vi } from 'vitest';

const client = vi.hoisted(() => ({ get: vi.fn(), post: vi.fn() }));
vi.mock('#/api/request', async () => ({
  requestClient: client,
  compactParams: (
    await vi.importActual<typeof import('@scrm/web-shared/request')>('@scrm/web-shared/request')
  ).compactParams,
}));

import {
  getCallbackEventCountsApi,
  listCallbackEventsApi,
  replayCallbackEventApi,
  replayCallbackEventsApi,
} from '#/api/callback-events';
import { listChannelsApi } from '#/api/channels';
import { listCorpsApi } from '#/api/corps';
import { getCustomerDetailApi, listCustomersApi } from '#/api/customers';

beforeEach(() => {
  client.get.mockResolvedValue({ data: 'got' });
  client.post.mockResolvedValue({ data: { replayed: 2 } });
});

describe('callback events api', () => {
  it('lists with the filters given and drops the empty ones', async () => {
    await expect(
      listCallbackEventsApi({
        status: 'failed',
        event: '',
        changeType: 'add',
        beforeId: '90',
        limit: 50,
      }),
    ).resolves.toBe('got');
    expect(client.get).toHaveBeenCalledWith('/admin/callback-events', {
      params: { status: 'failed', changeType: 'add', beforeId: '90', limit: 50 },
    });
  });

  it('reads the counts', async () => {
    await getCallbackEventCountsApi();
    expect(client.get).toHaveBeenCalledWith('/admin/callback-events/counts');
  });

  it('replays one event and all failed ones', async () => {
    await expect(replayCallbackEventApi('42')).resolves.toEqual({ replayed: 2 });
    expect(client.post).toHaveBeenCalledWith('/admin/callback-events/42/replay');
    await replayCallbackEventsApi({ status: 'failed' });
    expect(client.post).toHaveBeenLastCalledWith('/admin/callback-events/replay', {
      status: 'failed',
    });
    await replayCallbackEventsApi({ status: 'failed', corpId: 'ww1234567' });
    expect(client.post).toHaveBeenLastCalledWith('/admin/callback-events/replay', {
      status: 'failed',
      corpId: 'ww1234567',
    });
  });
});

describe('customers, corps and channels api', () => {
  it('lists corps', async () => {
    await listCorpsApi();
    expect(client.get).toHaveBeenCalledWith('/admin/corps', { silent: true });
  });

  it('lists customers with the corp, the query and the cursor', async () => {
    await listCustomersApi({ corpId: 'ww1234567', q: '张', cursor: '77', limit: 50 });
    expect(client.get).toHaveBeenCalledWith('/admin/customers', {
      params: { corpId: 'ww1234567', q: '张', cursor: '77', limit: 50 },
    });
  });

  it('reads one customer by corp and external_userid', async () => {
    await getCustomerDetailApi('ww1234567', 'wm_ab/c');
    expect(client.get).toHaveBeenCalledWith('/admin/customers/ww1234567/wm_ab%2Fc');
  });

  it('lists channels of a corp', async () => {
    await listChannelsApi('ww1234567');
    expect(client.get).toHaveBeenCalledWith('/admin/channels', {
      params: { corpId: 'ww1234567' },
    });
  });
});
