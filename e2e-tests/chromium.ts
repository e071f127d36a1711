import { existsSync } from 'node:fs';

/** Chromium from Debian (or CHROMIUM_PATH), never a downloaded browser. */
export function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter((p): p is string => Boolean(p));
  return candidates.find(p => existsSync(p));
}

/** Flags that keep headless Chromium off the network and quiet. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
