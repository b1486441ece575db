import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { SetupApi } from '#/api/setup';
import { ApiError } from '#/api/request';
import { routes } from '#/router/routes';
import WizardView from '#/views/setup/wizard.vue';
import { corpBody, validateAdminForm, validateCorpForm } from '#/views/setup/wizard-schema';

const setup = vi.hoisted(() => ({
  getSetupStatusApi: vi.fn(),
  createFirstAdminApi: vi.fn(),
  registerCorpApi: vi.fn(),
  getCallbackApi: vi.fn(),
  updateCorpApi: vi.fn(),
  checkCorpApi: vi.fn(),
  startSyncApi: vi.fn(),
  listSyncRunsApi: vi.fn(),
}));
vi.mock('#/api/setup', () => setup);
const auth = vi.hoisted(() => ({ loginApi: vi.fn(), getMeApi: vi.fn() }));
vi.mock('#/api/auth', () => ({ ...auth, ROLES: ['admin', 'manager', 'viewer'] }));
const corps = vi.hoisted(() => ({ listCorpsApi: vi.fn(async () => [] as unknown[]) }));
vi.mock('#/api/corps', () => corps);

const CORP = 'ww5f3a9c1e7b2d4068';
const callback: SetupApi.Callback = {
  url: `http://127.0.0.1:3000/wecom/callback/${CORP}`,
  token: 'T'.repeat(32),
  encodingAESKey: 'K'.repeat(43),
  verifiedAt: null,
};
const check = (
  key: SetupApi.CheckKey,
  status: SetupApi.Check['status'],
  zh: string,
  errcode: number | null = null,
) => ({
  key,
  status,
  errcode,
  zh,
  en: `en ${zh}`,
  fixAt: status === 'failed' ? '应用管理 → 自建应用 → 本应用 → 企业可信IP' : null,
});
const report = (checks: SetupApi.Check[]): SetupApi.CheckReport => ({
  corpId: CORP,
  ok: checks.every((c) => c.status === 'ok' || c.status === 'skipped'),
  checks,
  egressIp: checks.some((c) => c.errcode === 60020) ? '203.0.113.9' : null,
  followUsers: 19,
  callbackVerifiedAt:
    checks.find((c) => c.key === 'callback')?.status === 'ok' ? '2026-12-01T06:05:00Z' : null,
  checkedAt: '2026-12-01T06:05:00Z',
});

async function mountWizard() {
  setActivePinia(createPinia());
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push('/setup');
  const wrapper = mount(WizardView, { global: { plugins: [router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, router };
}

/** The input behind a test id (Element Plus puts the attribute on the <input> itself). */
const input = (w: VueWrapper, testid: string) => {
  const el = w.find(`[data-testid="${testid}"]`);
  return el.element.tagName === 'INPUT' ? el : el.find('input');
};
const type = async (w: VueWrapper, testid: string, value: string) => {
  await input(w, testid).setValue(value);
};
const click = async (w: VueWrapper, testid: string) => {
  await w.find(`[data-testid="${testid}"]`).trigger('click');
  await flushPromises();
};
/** The messages Element Plus shows under the fields (it draws them in a transition). */
const fieldErrors = (w: VueWrapper) =>
  w
    .findAllComponents({ name: 'ElFormItem' })
    .map((item) => item.props('error') as string | undefined)
    .filter(Boolean);
const submit = async (w: VueWrapper, testid: string) => {
  await w
    .find(`[data-testid="${testid}"]`)
    .element.closest('form')!
    .dispatchEvent(new Event('submit'));
  await flushPromises();
};

describe('wizard form rules', () => {
  it('checks the first admin as the server does, in Chinese', () => {
    expect(
      validateAdminForm({ username: 'a', displayName: '', password: 'short', confirm: 'x' }),
    ).toEqual({
      username: '用户名为 3-64 位字母、数字、_、. 或 -。',
      password: '密码至少 10 个字符。',
      confirm: '两次输入的密码不一致。',
    });
    expect(
      validateAdminForm({
        username: 'boss',
        displayName: '王',
        password: 'long-enough-1',
        confirm: 'long-enough-1',
      }),
    ).toEqual({});
  });

  it('checks the CorpID, the AgentId range and the secrets', () => {
    const base = {
      corpId: CORP,
      name: '栖木',
      agentId: '1000002',
      agentSecret: 's',
      contactSecret: '',
      addressBookSecret: '',
    };
    expect(validateCorpForm(base)).toEqual({});
    expect(
      validateCorpForm({ ...base, corpId: 'ww!', agentId: '2147483648', agentSecret: '' }),
    ).toEqual({
      corpId: 'CorpID 为 6-64 位字母、数字、_ 或 -。',
      agentId: 'AgentId 是 1 到 2147483647 之间的整数。',
      agentSecret: '请输入自建应用的 Secret。',
    });
    expect(validateCorpForm({ ...base, contactSecret: 'has space' }).contactSecret).toBe(
      'Secret 中不能有空格，请检查是否多复制了字符。',
    );
    // Settings: a blank secret keeps the saved one
    expect(validateCorpForm({ ...base, agentSecret: '' }, false)).toEqual({});
    expect(corpBody({ ...base, agentSecret: ' s ', contactSecret: '  ' })).toEqual({
      corpId: CORP,
      name: '栖木',
      agentId: 1000002,
      agentSecret: 's',
      contactSecret: undefined,
      addressBookSecret: undefined,
    });
  });
});

describe('first-run wizard', () => {
  beforeEach(() => {
    localStorage.clear();
    setup.getSetupStatusApi.mockResolvedValue({
      hasAdmin: false,
      hasCorp: false,
      needsSetup: true,
    });
    auth.loginApi.mockResolvedValue({
      accessToken: 'tok',
      expiresIn: 3600,
      user: { id: '1', username: 'boss', displayName: '王老板', role: 'admin' },
    });
    setup.listSyncRunsApi.mockResolvedValue([]);
  });

  it('a fresh installation creates the first admin; bad input is said next to each field', async () => {
    const { wrapper } = await mountWizard();
    expect(wrapper.find('[data-testid="step-admin"]').text()).toContain('创建第一个管理员');
    await type(wrapper, 'admin-username', 'b');
    await type(wrapper, 'admin-password', 'short');
    await submit(wrapper, 'admin-create');
    expect(fieldErrors(wrapper)).toEqual([
      '用户名为 3-64 位字母、数字、_、. 或 -。',
      '密码至少 10 个字符。',
      '两次输入的密码不一致。',
    ]);
    expect(setup.createFirstAdminApi).not.toHaveBeenCalled();

    await type(wrapper, 'admin-username', 'boss');
    await type(wrapper, 'admin-password', 'first-admin-2026');
    await type(wrapper, 'admin-confirm', 'first-admin-2026');
    await submit(wrapper, 'admin-create');
    expect(setup.createFirstAdminApi).toHaveBeenCalledWith({
      username: 'boss',
      displayName: undefined,
      password: 'first-admin-2026',
    });
    expect(auth.loginApi).toHaveBeenCalledWith({ username: 'boss', password: 'first-admin-2026' });
    expect(wrapper.find('[data-testid="step-corp"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('an admin who exists already (409) is asked to sign in instead', async () => {
    setup.createFirstAdminApi.mockRejectedValue(
      new ApiError(409, 'SETUP_ALREADY_DONE', 'An admin already exists'),
    );
    const { wrapper } = await mountWizard();
    await type(wrapper, 'admin-username', 'boss');
    await type(wrapper, 'admin-password', 'first-admin-2026');
    await type(wrapper, 'admin-confirm', 'first-admin-2026');
    await submit(wrapper, 'admin-create');
    expect(wrapper.find('[data-testid="wizard-error"]').text()).toBe(
      '已经有管理员了，请直接登录。',
    );
    expect(wrapper.find('[data-testid="signin-username"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('registers the corp, shows the generated callback settings, then each check with its sentence', async () => {
    setup.getSetupStatusApi.mockResolvedValue({ hasAdmin: true, hasCorp: false, needsSetup: true });
    setup.registerCorpApi.mockResolvedValue({ corp: { corpId: CORP }, callback });
    setup.checkCorpApi.mockResolvedValue(
      report([
        check('corpId', 'ok', 'CorpID 正确。'),
        check('agentSecret', 'ok', '自建应用的 Secret 正确。'),
        check(
          'trustedIp',
          'failed',
          '企业微信拒绝了来自本服务器 IP 203.0.113.9 的调用（60020）',
          60020,
        ),
        check('callback', 'pending', '还没有收到企业微信的回调 URL 验证'),
      ]),
    );
    const { wrapper } = await mountWizard();
    await type(wrapper, 'signin-username', 'admin');
    await type(wrapper, 'signin-password', 'seeded-password');
    await submit(wrapper, 'signin-submit');

    await type(wrapper, 'corp-id', CORP);
    await type(wrapper, 'corp-name', '栖木生活');
    await type(wrapper, 'corp-agent-id', 'abc');
    await type(wrapper, 'corp-agent-secret', 'app-secret');
    await submit(wrapper, 'corp-register');
    expect(fieldErrors(wrapper)).toEqual(['AgentId 是 1 到 2147483647 之间的整数。']);
    await type(wrapper, 'corp-agent-id', '1000002');
    corps.listCorpsApi.mockResolvedValue([{ corpId: CORP, name: '栖木生活' }]);
    await submit(wrapper, 'corp-register');
    expect(setup.registerCorpApi).toHaveBeenCalledWith({
      corpId: CORP,
      name: '栖木生活',
      agentId: 1000002,
      agentSecret: 'app-secret',
      contactSecret: undefined,
      addressBookSecret: undefined,
    });
    expect((input(wrapper, 'callback-url').element as HTMLInputElement).value).toBe(callback.url);
    expect((input(wrapper, 'callback-token').element as HTMLInputElement).value).toBe(
      callback.token,
    );

    await click(wrapper, 'wizard-next');
    expect(setup.checkCorpApi).toHaveBeenCalledWith(CORP);
    const ip = wrapper.find('[data-testid="check-trustedIp"]');
    expect(ip.attributes('data-status')).toBe('failed');
    expect(ip.text()).toContain('203.0.113.9');
    expect(ip.text()).toContain('错误码 60020');
    expect(ip.text()).toContain('修改位置：应用管理 → 自建应用 → 本应用 → 企业可信IP');
    expect(wrapper.find('[data-testid="check-egress-ip"]').text()).toBe(
      '本服务器的出口 IP：203.0.113.9',
    );
    expect(wrapper.find('[data-testid="check-callback"]').attributes('data-status')).toBe(
      'pending',
    );
    // a check failed: the sync cannot start yet
    expect(
      wrapper.find('[data-testid="step-check"] [data-testid="wizard-next"]').attributes('disabled'),
    ).toBeDefined();
    wrapper.unmount();
  });

  it('replaces a wrong secret, checks again, and goes on to the first sync with its phases', async () => {
    localStorage.setItem(
      'scrm.admin.accessToken',
      JSON.stringify({ token: 't', expiresAt: Date.now() + 3_600_000 }),
    );
    setup.getSetupStatusApi.mockResolvedValue({ hasAdmin: true, hasCorp: true, needsSetup: false });
    corps.listCorpsApi.mockResolvedValue([{ corpId: CORP, name: '栖木生活' }]);
    auth.getMeApi.mockResolvedValue({
      id: '1',
      username: 'boss',
      displayName: '王老板',
      role: 'admin',
    });
    setup.getCallbackApi.mockResolvedValue(callback);
    setup.checkCorpApi
      .mockResolvedValueOnce(
        report([check('agentSecret', 'failed', '自建应用的 Secret 不正确（40001）', 40001)]),
      )
      .mockResolvedValue(
        report([
          check('agentSecret', 'ok', '自建应用的 Secret 正确。'),
          check('callback', 'ok', '企业微信已验证回调 URL'),
        ]),
      );
    setup.updateCorpApi.mockResolvedValue({});
    const run: SetupApi.SyncRun = {
      id: '7',
      corpId: CORP,
      status: 'running',
      phase: 'staff',
      done: 10,
      total: 21,
      error: null,
      errorSentence: null,
      startedAt: '2026-12-01T06:05:00Z',
      finishedAt: null,
      phases: [
        { phase: 'departments', state: 'done', done: 12, total: 12 },
        { phase: 'staff', state: 'running', done: 10, total: 21 },
        { phase: 'tags', state: 'pending', done: 0, total: 0 },
        { phase: 'customers', state: 'pending', done: 0, total: 0 },
        { phase: 'groups', state: 'pending', done: 0, total: 0 },
        { phase: 'reconcile', state: 'pending', done: 0, total: 0 },
      ],
    };
    setup.listSyncRunsApi.mockResolvedValueOnce([]).mockResolvedValue([run]);
    setup.startSyncApi.mockResolvedValue({ jobId: 'sync-full', queued: true });

    setActivePinia(createPinia());
    const { useAuthStore } = await import('#/stores/auth');
    await useAuthStore().fetchUser();
    const router = createRouter({ history: createMemoryHistory(), routes });
    await router.push('/setup');
    const wrapper = mount(WizardView, { global: { plugins: [router] }, attachTo: document.body });
    await flushPromises();

    expect(wrapper.find('[data-testid="check-agentSecret"]').text()).toContain('40001');
    await click(wrapper, 'edit-secrets');
    await type(wrapper, 'secret-agentSecret', 'the-right-secret');
    await submit(wrapper, 'secrets-save');
    expect(setup.updateCorpApi).toHaveBeenCalledWith(CORP, { agentSecret: 'the-right-secret' });
    expect(wrapper.find('[data-testid="check-summary"]').text()).toContain('全部检查通过');

    await click(wrapper, 'wizard-next');
    await flushPromises();
    expect(setup.startSyncApi).toHaveBeenCalledWith(CORP);
    const staff = wrapper.find('[data-testid="sync-phase-staff"]');
    expect(staff.text()).toContain('员工');
    expect(staff.text()).toContain('10 / 21');
    expect(staff.text()).toContain('进行中');
    expect(wrapper.find('[data-testid="wizard-done"]').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });
});
