import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallbackEventsApi } from '#/api/callback-events';
import CallbackEventsList from '#/views/callback-events/list.vue';

const api = vi.hoisted(() => ({
  listCallbackEventsApi: vi.fn(),
  getCallbackEventCountsApi: vi.fn(),
  replayCallbackEventApi: vi.fn(),
  replayCallbackEventsApi: vi.fn(),
}));
vi.mock('#/api/callback-events', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  ...api,
}));

function event(id: string, status: CallbackEventsApi.Status): CallbackEventsApi.Event {
  return {
    id,
    corpId: 'ww1234567',
    event: 'change_external_contact',
    changeType: 'add_external_contact',
    createTime: '2026-11-20T08:00:00.000Z',
    status,
    attempts: status === 'failed' ? 3 : 1,
    lastError: status === 'failed' ? 'boom' : null,
    nextAttemptAt: null,
    payload: { ExternalUserID: `wm_${id}` },
    receivedAt: '2026-11-20T08:00:01.000Z',
    processedAt: null,
  };
}

describe('callback events page', () => {
  beforeEach(() => {
    api.getCallbackEventCountsApi.mockResolvedValue({ done: 10, failed: 1 });
    api.listCallbackEventsApi.mockResolvedValue([event('9', 'failed'), event('8', 'done')]);
    api.replayCallbackEventApi.mockResolvedValue({ replayed: 1 });
    api.replayCallbackEventsApi.mockResolvedValue({ replayed: 1 });
  });

  it('shows counts and rows, and only failed/skipped rows can be replayed', async () => {
    const wrapper = mount(CallbackEventsList);
    await flushPromises();
    expect(wrapper.get('[data-testid="count-failed"]').text()).toContain('1');
    expect(wrapper.get('[data-testid="count-done"]').text()).toContain('10');
    expect(wrapper.find('[data-testid="replay-9"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="replay-8"]').exists()).toBe(false);

    await wrapper.get('[data-testid="event-row-9"]').trigger('click');
    expect(wrapper.get('[data-testid="event-payload"]').text()).toContain(
      '"ExternalUserID": "wm_9"',
    );
  });

  it('says when a failing event that is still pending is tried again', async () => {
    api.listCallbackEventsApi.mockResolvedValue([
      {
        ...event('7', 'pending'),
        lastError: 'WeCom 45009',
        nextAttemptAt: '2026-11-20T08:05:00.000Z',
      },
      event('6', 'pending'),
    ]);
    const wrapper = mount(CallbackEventsList);
    await flushPromises();
    expect(wrapper.get('[data-testid="event-row-7"]').text()).toContain('WeCom 45009');
    expect(wrapper.get('[data-testid="next-attempt-7"]').text()).toContain('retries at');
    expect(wrapper.find('[data-testid="next-attempt-6"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="replay-7"]').exists()).toBe(false);
  });

  it('replay calls the API and refreshes counts and rows', async () => {
    const wrapper = mount(CallbackEventsList);
    await flushPromises();
    api.getCallbackEventCountsApi.mockResolvedValue({ done: 10, pending: 1 });

    await wrapper.get('[data-testid="replay-9"]').trigger('click');
    await flushPromises();

    expect(api.replayCallbackEventApi).toHaveBeenCalledWith('9');
    expect(api.getCallbackEventCountsApi).toHaveBeenCalledTimes(2);
    expect(api.listCallbackEventsApi).toHaveBeenCalledTimes(2);
    expect(wrapper.get('[data-testid="count-pending"]').text()).toContain('1');
    expect(wrapper.get('[data-testid="count-failed"]').text()).toContain('0');
  });

  it('replay all failed sends status failed', async () => {
    const wrapper = mount(CallbackEventsList);
    await flushPromises();
    await wrapper.get('[data-testid="replay-all-failed"]').trigger('click');
    await flushPromises();
    expect(api.replayCallbackEventsApi).toHaveBeenCalledWith({ status: 'failed' });
  });

  it('load more asks for the rows before the last one', async () => {
    api.listCallbackEventsApi.mockResolvedValueOnce(
      Array.from({ length: 50 }, (_, i) => event(String(100 - i), 'done')),
    );
    const wrapper = mount(CallbackEventsList);
    await flushPromises();
    await wrapper.get('[data-testid="load-more"]').trigger('click');
    await flushPromises();
    expect(api.listCallbackEventsApi).toHaveBeenLastCalledWith(
      expect.objectContaining({ beforeId: '51', limit: 50 }),
    );
    expect(wrapper.findAll('tbody tr.table__row')).toHaveLength(52);
  });
});
