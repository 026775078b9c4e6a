// Launches Debian's Chromium through playwright-core (never a downloaded browser) and collects page
// errors so a test fails on any uncaught exception or console error in the UI.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCREENSHOT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export async function launch() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`${executablePath} is missing: run tests/web/install-deps.sh`);
  return chromium.launch({
    executablePath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function new_page(browser, viewport = PHONE) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, timezoneId: 'Europe/London', locale: 'en-GB' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  // Chrome logs every answered error status; those the UI handles on purpose are not failures (404, 500 are).
  page.on('console', (m) => { if (m.type() === 'error' && !/status of (400|401|403|409|429|502|504) /.test(m.text())) page.errors.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => d.accept());
  return page;
}

// The whole page, or with full_page false only what the viewport shows (a part of a long page).
export async function screenshot(page, name, { full_page = true } = {}) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: full_page });
}
