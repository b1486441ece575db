import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import ChannelsList from '#/views/channels/list.vue';

const api = vi.hoisted(() => ({ listChannelsApi: vi.fn() }));
vi.mock('#/api/channels', () => api);
const corpsApi = vi.hoisted(() => ({ listCorpsApi: vi.fn() }));
vi.mock('#/api/corps', () => corpsApi);

describe('channels page', () => {
  beforeEach(() => {
    corpsApi.listCorpsApi.mockResolvedValue([{ corpId: 'ww1234567', name: 'Demo' }]);
    api.listChannelsApi.mockResolvedValue([
      {
        id: '3',
        name: '静安店柜台',
        folder: '',
        state: 'ch_3',
        type: 'multi',
        strategy: 'round_robin',
        status: 'active',
        qrCode: 'https://wework.qpic.cn/qr/3.png',
      },
    ]);
  });

  it('lists the channels of the first corp with a QR code link and no create button', async () => {
    const wrapper = mount(ChannelsList);
    await flushPromises();
    expect(api.listChannelsApi).toHaveBeenCalledWith('ww1234567');
    const row = wrapper.get('[data-testid="channel-row-3"]');
    expect(row.text()).toContain('静安店柜台');
    expect(row.text()).toContain('ch_3');
    expect(row.text()).toContain('Multiple staff');
    expect(row.text()).toContain('Round robin');
    expect(row.get('a').attributes('href')).toBe('https://wework.qpic.cn/qr/3.png');
    expect(wrapper.findAll('button').some((b) => /create/i.test(b.text()))).toBe(false);
  });
});
