#!/usr/bin/env node
// Writes docs/explorer.png, the picture of the explorable page in the user guide
// (docs/src/index.md.in): `flowsim report --interactive` on the default scenario, opened
// in Debian's chromium (playwright-core from build/node/, which scripts/install-deps.sh
// installs), at a fixed size, in a fixed view, with animations off. The same flowsim,
// Chromium and fonts give the same picture; `make examples` runs it.
//
//     node scripts/make-explorer-screenshot.js [--flowsim build/bin/flowsim] [--out docs/explorer.png]
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const options = { flowsim: 'build/bin/flowsim', out: 'docs/explorer.png' };
for (let i = 2; i + 1 < process.argv.length; i += 2) {
  options[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const SCENARIO = 'scenarios/flock-ring-ice.yaml';
// One what-if, so that the picture shows a route picked out and a switch flipped.
const VIEW = '#set=share_with_fusion_centre:false';

async function main() {
  const { chromium } = require(path.join(root, 'build', 'node', 'node_modules', 'playwright-core'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'flowsim-screenshot-'));
  const page = path.join(work, 'explore.html');
  childProcess.execFileSync(path.resolve(root, options.flowsim),
    ['report', SCENARIO, '--interactive', '-o', page], { cwd: root, stdio: 'inherit' });
  const browser = await chromium.launch({
    executablePath: fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none',
      '--host-resolver-rules=MAP * ~NOTFOUND'],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1400 }, deviceScaleFactor: 1, reducedMotion: 'reduce',
  });
  const tab = await context.newPage();
  await tab.goto('file://' + page + VIEW);
  await tab.waitForSelector('html[data-ready="true"]');
  await tab.click('[data-route-id]');
  // Clicking the route scrolled its row into view: the picture starts at the top (the
  // answer, the switches, the diagram).
  await tab.evaluate(() => window.scrollTo(0, 0));
  await tab.screenshot({ path: path.resolve(root, options.out) });
  await browser.close();
  fs.rmSync(work, { recursive: true, force: true });
  console.log('Wrote ' + options.out);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
