import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './e2e-tests/chromium';

const chromium = findChromium();
if (!chromium && process.env.CI) {
  throw new Error(
    'End-to-end tests need Chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
  );
}

/**
 * End-to-end tests against the demo, started the README's way (`npm start`).
 */
export default defineConfig({
  testDir: 'e2e-tests',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME
    ? [['list'], ['json']]
    : [['list']],
  outputDir: 'e2e-tests/.artifacts',
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      // Playwright gives every launch a fresh, temporary user-data-dir.
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  // `npm start` runs the app (3000) and the backend (7007); the tests wait
  // for the backend's health before they sign in (see demo.ts).
  webServer: {
    command: 'npm start',
    url: 'http://localhost:3000',
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
