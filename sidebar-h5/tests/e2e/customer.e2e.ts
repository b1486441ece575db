import { describe, expect, it } from 'vitest';
import { guide, mockApi, usesRealApi, validOAuthCode } from './support/api';
import { useBrowserPage } from './support/browser';

// The WeCom sidebar on a phone: 375px wide.
const browser = useBrowserPage({
  viewport: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
});

const SCREENSHOT = '/tmp/sidebar-h5-customer.png';

describe('sidebar-h5 customer shell', () => {
  it('with ?code= it exchanges the code and shows the guide and the empty state', async () => {
    const { page } = browser;
    const api = await mockApi(page);
    const code = validOAuthCode();

    await page.goto(`/customer?code=${code}&state=scrm-sidebar`);

    const staff = page.getByTestId('staff-cell');
    await staff.waitFor();
    expect(await staff.innerText()).toContain(usesRealApi ? '' : guide.name);
    expect(await page.getByTestId('customer-empty').innerText()).toContain(
      'Open a customer chat to see their profile',
    );
    expect(await page.locator('.van-nav-bar__title').innerText()).toBe('Customer profile');
    if (!usesRealApi) expect(api.exchangedCodes).toEqual([code]);

    // The single-use code is gone from the address bar.
    expect(new URL(page.url()).searchParams.has('code')).toBe(false);

    // Theming through --van-* variables, and px converted to vw for the 375px design.
    const theme = await page.evaluate(() => ({
      primary: getComputedStyle(document.body).getPropertyValue('--van-primary-color').trim(),
      navBarHeight: document.querySelector('.van-nav-bar__content')?.getBoundingClientRect().height,
      scrollWidth: document.documentElement.scrollWidth,
    }));
    expect(theme.primary).toBe('#1f6feb');
    expect(theme.navBarHeight).toBeCloseTo(46, 0);
    expect(theme.scrollWidth).toBe(375);

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it.skipIf(usesRealApi)('keeps the session across a reload without a new exchange', async () => {
    const { page } = browser;
    const api = await mockApi(page);

    await page.goto(`/customer?code=${validOAuthCode()}`);
    await page.getByTestId('staff-cell').waitFor();
    await page.reload();
    await page.getByTestId('customer-empty').waitFor();

    expect(await page.getByTestId('staff-cell').innerText()).toContain(guide.name);
    expect(api.exchangedCodes).toHaveLength(1);
  });

  it.skipIf(usesRealApi)("a refused code shows the server's message", async () => {
    const { page } = browser;
    await mockApi(page);

    await page.goto('/customer?code=already-used');

    const bootError = page.getByTestId('boot-error');
    await bootError.waitFor();
    expect(await bootError.innerText()).toContain('The sign-in code is invalid or expired');
  });

  it('without a code or a session it goes to WeCom OAuth (or says what is not configured)', async () => {
    const { page } = browser;
    await mockApi(page);
    let authorizeUrl: URL | undefined;
    await page.route(
      (url) => url.pathname === '/connect/oauth2/authorize',
      async (route) => {
        authorizeUrl = new URL(route.request().url());
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>WeCom OAuth</p>' });
      },
    );

    await page.goto('/customer');

    if (process.env.VITE_WECOM_CORP_ID && process.env.VITE_WECOM_AGENT_ID) {
      await page.getByText('WeCom OAuth').waitFor();
      expect(authorizeUrl?.searchParams.get('appid')).toBe(process.env.VITE_WECOM_CORP_ID);
      expect(authorizeUrl?.searchParams.get('scope')).toBe('snsapi_base');
    } else {
      // Built without a corp (the default in CI): the page says what to set.
      const bootError = page.getByTestId('boot-error');
      await bootError.waitFor();
      expect(await bootError.innerText()).toContain('VITE_WECOM_CORP_ID');
      expect(authorizeUrl).toBeUndefined();
    }
  });
});
