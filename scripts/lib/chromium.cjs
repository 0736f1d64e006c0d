// How the browser tests and scripts/screenshots.mjs launch Debian's Chromium
// (Playwright cannot download its own browsers here; scripts/test.sh installs
// the `chromium` package when it is missing).
module.exports = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
