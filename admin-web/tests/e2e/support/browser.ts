export { saveScreenshot, useBrowserPage } from '@scrm/web-shared/e2e/browser';
