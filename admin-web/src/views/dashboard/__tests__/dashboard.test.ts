import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, reactive } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { DashboardApi } from '#/api/dashboard';

// Each chart's option as the page hands it to ECharts (the chart itself is not drawn here).
const drawn = vi.hoisted(() => [] as Array<Record<string, unknown>>);
vi.mock('#/components/charts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('#/components/charts')>();
  return {
    ...actual,
    preloadCharts: vi.fn(),
    BaseChart: defineComponent({
      props: { option: { type: Object, required: true } },
      setup(props, { attrs }) {
        drawn.push(props.option as Record<string, unknown>);
        return () => h('div', { class: 'chart-stub', 'data-testid': attrs['data-testid'] });
      },
    }),
  };
});
const corp = reactive({ corpId: 'ww-test', timeZone: 'Asia/Shanghai', access: { role: 'admin' } });
vi.mock('#/stores/corp', () => ({ useCorpStore: () => corp }));
const api = vi.hoisted(() => ({ getDashboardApi: vi.fn() }));
vi.mock('#/api/dashboard', () => api);
vi.mock('#/api/health', async (importOriginal) => ({
  ...(await importOriginal<typeof import('#/api/health')>()),
  getReadinessApi: vi.fn(async () => ({ status: 'ok', details: { database: { status: 'up' } } })),
}));

/** A quiet corp: 0 or 1 added a day, now and then one lost. */
const numbers: DashboardApi.Numbers = {
  corpId: 'ww-test',
  customers: { total: 12 },
  daily: Array.from({ length: 30 }, (_, i) => ({
    day: `2026-11-${String(i + 1).padStart(2, '0')}`,
    added: i % 2,
    lost: i % 7 === 0 ? 1 : 0,
  })),
  byChannel: [{ channelId: '1', channelName: '静安店柜台', adds: 15 }],
  byStaff: [{ userId: 'lina', name: '李娜', customers: 12 }],
  callbackEvents: { failed: 0 },
  lastSync: null,
};

async function mountDashboard() {
  setActivePinia(createPinia());
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)*', component: { render: () => null } }],
  });
  const { default: Dashboard } = await import('#/views/dashboard/index.vue');
  return mount(Dashboard, { global: { plugins: [router] } });
}

const nextFrame = () =>
  new Promise<void>((done) => requestAnimationFrame(() => setTimeout(() => done(), 0)));

/** Waits until the part drawn after the numbers (the charts) is on the page. */
async function chartsDrawn(wrapper: Awaited<ReturnType<typeof mountDashboard>>) {
  await vi.waitFor(
    async () => {
      await nextFrame();
      await flushPromises();
      expect(wrapper.find('[data-testid="chart-daily"]').exists()).toBe(true);
    },
    { timeout: 20_000, interval: 50 },
  );
}

describe('dashboard', () => {
  // the part drawn after the numbers is its own chunk: transformed once here, not in a test's time
  beforeAll(() => import('#/views/dashboard/dashboard-more.vue'), 120_000);

  it('draws the numbers first, then the charts and the staff table a frame later', async () => {
    api.getDashboardApi.mockResolvedValue(numbers);
    const wrapper = await mountDashboard();
    await flushPromises();
    expect(wrapper.get('[data-testid="stat-customers"]').text()).toContain('12');
    expect(wrapper.get('[data-testid="stat-added"]').text()).toContain('15');
    expect(wrapper.find('[data-testid="chart-daily"]').exists()).toBe(false);

    await chartsDrawn(wrapper);
    expect(wrapper.get('[data-testid="dashboard-staff"]').text()).toContain('李娜');
  }, 30_000);

  it('says so when no customer came through a channel, instead of an empty chart', async () => {
    api.getDashboardApi.mockResolvedValue({ ...numbers, byChannel: [] });
    const wrapper = await mountDashboard();
    await chartsDrawn(wrapper);
    expect(wrapper.get('[data-testid="chart-channel-empty"]').text()).toContain(
      '近 30 天没有通过渠道活码添加的客户',
    );
  }, 30_000);

  it('the 30-day line has no smoothing: between 0 and 1 it never dips below 0', async () => {
    drawn.length = 0;
    api.getDashboardApi.mockResolvedValue(numbers);
    const wrapper = await mountDashboard();
    await chartsDrawn(wrapper);
    type Line = { type: string; smooth?: unknown; data: number[] };
    const daily = drawn.find((option) =>
      (option.series as Line[]).some((s) => s.type === 'line'),
    ) as { series: Line[]; yAxis: { min?: number } };
    expect(daily.series.map((s) => s.data)).toEqual([
      numbers.daily.map((d) => d.added),
      numbers.daily.map((d) => d.lost),
    ]);
    for (const line of daily.series) {
      // a spline (smooth: true or a number) overshoots between 0 and 1; straight lines do not
      expect(line.smooth === false || line.smooth === undefined, line.type).toBe(true);
    }
    expect(daily.yAxis.min).toBe(0);
  }, 30_000);

  it('the numbers asked for when the route is entered are the ones the page shows (one request)', async () => {
    api.getDashboardApi.mockReset().mockResolvedValue(numbers);
    setActivePinia(createPinia());
    const { prefetchDashboard, dashboardNumbers } = await import('#/views/dashboard/prefetch');
    prefetchDashboard();
    expect(api.getDashboardApi).toHaveBeenCalledWith('ww-test', 'Asia/Shanghai');
    await expect(dashboardNumbers('ww-test', 'Asia/Shanghai')).resolves.toBe(numbers);
    expect(api.getDashboardApi).toHaveBeenCalledTimes(1);
    // taken once: refreshing asks again
    await dashboardNumbers('ww-test', 'Asia/Shanghai');
    expect(api.getDashboardApi).toHaveBeenCalledTimes(2);
  });
});
