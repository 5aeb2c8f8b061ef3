// The explorable report in a real browser (Debian's chromium, driven by playwright-core
// from build/node/, which scripts/install-deps.sh installs with npm ci):
//
//     node explorer_test.js FLOWSIM SCENARIO SCREENSHOT_DIR NODE_MODULES
//
// - `flowsim report SCENARIO --interactive` writes the page; its size and states are
//   printed;
// - the page is opened from a file; every request other than the page itself fails the
//   test, and so does any console message or script error;
// - the initial view and 20 random states (a fixed seed), reached half through the
//   address (#set=...&as_of=...) and half by clicking the toggles and the date buttons,
//   show exactly the routes `flowsim paths --format json --limit 0` lists with the same
//   settings, in its order, the answer `paths` gives and the first line `flowsim query`
//   prints;
// - the first state answering no shows the blocked routes and the blockers of each hop
//   that `flowsim query --format json` explains with the same settings;
// - a route clicked is picked out on the diagram; a node clicked shows its details; an
//   unknown name in the address is shown as an error;
// - at "actual size" every label of the diagram is at least 10 px tall, and so is every
//   label of the static report's diagram at 100 % zoom;
// - screenshots at desktop and phone width are not blank, and the phone page does not
//   scroll sideways.
//
// Exit 0 when every check passes, 1 when one fails, 77 (ctest's SKIP_RETURN_CODE) when
// Chromium is not installed.
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const [flowsim, scenario, screenshots, nodeModules] = process.argv.slice(2);
const STATES = 20;
const SEED = 20261205;
const failures = [];

function fail(message) {
  failures.push(message);
  console.log('FAILED: ' + message);
}

function which(program) {
  for (const dir of (process.env.PATH || '').split(':')) {
    const candidate = path.join(dir || '.', program);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch (error) {
      // not here
    }
  }
  return null;
}

function run(args) {
  const result = childProcess.spawnSync(flowsim, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.error) {
    throw result.error;
  }
  return result;
}

// A small, fixed pseudo-random sequence (mulberry32).
function random(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

// A day inside position `p` (since <= day < until), picked at random.
function dayIn(p, next) {
  if (p.shown === null) {
    return null;
  }
  const from = p.since ? new Date(p.since + 'T00:00:00Z') : new Date(Date.parse(p.until) - 400 * 864e5);
  const until = p.until ? new Date(p.until + 'T00:00:00Z') : new Date(from.getTime() + 400 * 864e5);
  const days = Math.max(1, Math.round((until - from) / 864e5));
  return isoDay(new Date(from.getTime() + Math.floor(next() * days) * 864e5));
}

// --- PNG: enough of a reader to tell a blank screenshot -------------------------------
function readPng(file) {
  const data = fs.readFileSync(file);
  let at = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const chunks = [];
  while (at < data.length) {
    const length = data.readUInt32BE(at);
    const kind = data.toString('ascii', at + 4, at + 8);
    const body = data.subarray(at + 8, at + 8 + length);
    if (kind === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colourType = body[9];
    } else if (kind === 'IDAT') {
      chunks.push(body);
    }
    at += 12 + length;
  }
  const channels = colourType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = zlib.inflateSync(Buffer.concat(chunks));
  const pixels = Buffer.alloc(height * stride);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? line[i - channels] : 0;
      const up = previous[i];
      const upLeft = i >= channels ? previous[i - channels] : 0;
      let add = 0;
      if (filter === 1) add = left;
      else if (filter === 2) add = up;
      else if (filter === 3) add = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      line[i] = (line[i] + add) & 0xff;
    }
    line.copy(pixels, y * stride);
    previous = line;
  }
  return { width, height, channels, pixels };
}

function checkScreenshot(file, name) {
  const { width, height, channels, pixels } = readPng(file);
  const colours = new Set();
  let dark = 0;
  let red = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    const r = pixels[i];
    const g = pixels[i + 1];
    const b = pixels[i + 2];
    colours.add((r << 16) | (g << 8) | b);
    if (r + g + b < 200) dark++;
    if (r > 150 && g < 80 && b < 80) red++;
  }
  const total = width * height;
  console.log(`${name}: ${width}x${height}, ${colours.size} colours, ` +
    `${(100 * dark / total).toFixed(1)}% dark, ${red} red pixels`);
  if (colours.size < 64) fail(`${name}: only ${colours.size} colours: blank`);
  if (dark < total / 400) fail(`${name}: almost no dark pixels: no text`);
}

async function main() {
  const chromiumPath = which('chromium') || which('chromium-browser');
  if (!chromiumPath) {
    console.log('SKIPPED: chromium is not installed (scripts/install-deps.sh installs it)');
    return 77;
  }
  let chromium;
  try {
    ({ chromium } = require(path.resolve(nodeModules, 'playwright-core')));
  } catch (error) {
    console.log(`FAILED: playwright-core is not in ${nodeModules}: run scripts/install-deps.sh ` +
      `(it installs the pinned tests/browser/package-lock.json with npm ci)\n${error.message}`);
    return 1;
  }
  fs.mkdirSync(screenshots, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'flowsim-explorer-'));
  const pagePath = path.join(work, 'explore.html');
  const started = Date.now();
  const written = run(['report', scenario, '--interactive', '-v', '-o', pagePath]);
  if (written.status !== 0) {
    console.log(`FAILED: flowsim report --interactive exited ${written.status}:\n${written.stderr}`);
    return 1;
  }
  const html = fs.readFileSync(pagePath, 'utf8');
  const data = JSON.parse(html.match(/<script type="application\/json" id="flowsim-data">([^<]*)<\/script>/)[1]);
  console.log(`page: ${html.length} bytes, ${data.states} states (${data.toggles.length} toggles × ` +
    `${data.positions.length} dates), ${data.outcomes.length} distinct answers, ` +
    `${data.routes.length} routes, written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.stdout.write(written.stderr);

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND'],
  });
  const pageUrl = 'file://' + pagePath;
  const problems = [];
  // A fresh context for the file at `url`; any other request is a problem.
  async function open(url, viewport, extra) {
    const context = await browser.newContext(Object.assign({ viewport }, extra || {}));
    const page = await context.newPage();
    page.setDefaultTimeout(120000);
    page.on('request', (request) => {
      const asked = request.url();
      if (asked.split('#')[0] !== url && !asked.startsWith('about:')) {
        problems.push('the page requested ' + asked);
      }
    });
    page.on('console', (message) => problems.push(`console ${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => problems.push('script error: ' + error.message));
    return { context, page };
  }
  async function shown(page) {
    return page.evaluate(() => ({
      answer: document.querySelectorAll('[data-answer]').length === 1
        ? document.querySelector('[data-answer]').getAttribute('data-answer') : null,
      text: document.getElementById('answer').textContent,
      routes: Array.from(document.querySelectorAll('[data-route-id]'))
        .map((e) => e.getAttribute('data-route-id')),
      hash: location.hash,
    }));
  }
  // What flowsim says with the same settings: `paths` on `day` (any day of the state's
  // interval), `query` on the date the page states for it (none: the question's own).
  function expected(values, day, stated) {
    const settings = [];
    data.toggles.forEach((t, i) => settings.push('--set', `${t.id}=${values[i]}`));
    const on = (date) => (date ? ['--as-of', date] : []);
    const paths = run(['paths', scenario, '--format', 'json', '--limit', '0'].concat(settings, on(day)));
    const query = run(['query', scenario].concat(settings, on(stated)));
    const listing = JSON.parse(paths.stdout);
    return {
      answer: listing.reachable ? 'yes' : 'no',
      routes: listing.routes.map((r) => r.id),
      text: query.stdout.split('\n')[0],
    };
  }
  function compare(what, got, want) {
    if (got.answer !== want.answer) fail(`${what}: the page says ${got.answer}, paths ${want.answer}`);
    if (got.routes.join(' ') !== want.routes.join(' ')) {
      fail(`${what}: the page shows ${got.routes.length} routes [${got.routes.join(' ')}], ` +
        `paths lists ${want.routes.length} [${want.routes.join(' ')}]`);
    }
    if (got.text !== want.text) fail(`${what}: the page's first line\n  ${got.text}\nquery's\n  ${want.text}`);
  }

  // Desktop: the initial view, then 20 random states.
  const { context, page } = await open(pageUrl, { width: 1280, height: 900 });
  await page.goto(pageUrl);
  await page.waitForSelector('html[data-ready="true"]');
  const initial = data.toggles.map((t) => t.initial);
    compare('initial view', await shown(page), expected(initial, null, null));
  await page.screenshot({ path: path.join(screenshots, 'explorer-desktop.png') });
  checkScreenshot(path.join(screenshots, 'explorer-desktop.png'), 'desktop');

  const next = random(SEED);
  let current = { values: initial.slice(), position: data.initial_position };
  for (let k = 0; k < STATES; k++) {
    const values = data.toggles.map(() => next() < 0.5);
    const position = Math.floor(next() * data.positions.length);
    const day = dayIn(data.positions[position], next);
    if (k % 2 === 0) {
      // Through the address, with a date anywhere inside the interval ("no date", the
      // question's own, is reached by naming none).
      const parts = [];
      if (data.toggles.length) {
        parts.push('set=' + data.toggles.map((t, i) => `${t.id}:${values[i]}`).join(','));
      }
      if (day) parts.push('as_of=' + day);
      await page.evaluate((hash) => { location.hash = hash; }, '#' + parts.join('&'));
    } else {
      // Through the controls: the toggles that differ, then the date buttons.
      for (let i = 0; i < data.toggles.length; i++) {
        if (values[i] !== current.values[i]) {
          await page.click(`input[data-toggle="${i}"]`);
        }
      }
      // The buttons for a step or two, the slider for a longer way.
      if (Math.abs(position - current.position) <= 2) {
        let at = current.position;
        while (at < position) { await page.click('#date-later'); at++; }
        while (at > position) { await page.click('#date-earlier'); at--; }
      } else {
        await page.$eval('#date', (slider, value) => {
          slider.value = String(value);
          slider.dispatchEvent(new Event('input', { bubbles: true }));
        }, position);
      }
    }
    current = { values, position };
    const stated = position === data.initial_position ? null : data.positions[position].shown;
    compare(`state ${k + 1} (${(await shown(page)).hash})`, await shown(page),
      expected(values, day, stated));
  }

  // A state answering no explains itself: for each source, the nearest blocked routes and
  // what blocks each hop, the same routes and blockers as `query --format json`'s
  // `blocked` with the same settings (the first such state, in state order).
  const stateOutcomes = Buffer.from(data.state_outcomes, 'base64');
  let noState = -1;
  for (let s = 0; s < data.states && noState < 0; s++) {
    let index = 0;
    for (let b = data.outcome_bytes - 1; b >= 0; b--) index = index * 256 + stateOutcomes[s * data.outcome_bytes + b];
    if (data.lines[data.outcomes[index][0]].answer === 'no') noState = s;
  }
  if (noState < 0) {
    console.log('no state answers no: nothing blocked to compare');
  } else {
    const values = data.toggles.map((t, i) => ((noState >> i) & 1) === 1);
    const position = Math.floor(noState / 2 ** data.toggles.length);
    const parts = [];
    if (data.toggles.length) parts.push('set=' + data.toggles.map((t, i) => `${t.id}:${values[i]}`).join(','));
    const stated = position === data.initial_position ? null : data.positions[position].shown;
    if (stated) parts.push('as_of=' + stated);
    await page.evaluate((hash) => { location.hash = hash; }, '#' + parts.join('&'));
    const blocked = await page.evaluate(() => ({
      shown: !document.getElementById('blocked').hidden,
      routes: Array.from(document.querySelectorAll('#blocked-list > li')).map((li) => ({
        data: li.getAttribute('data-data'),
        edges: li.getAttribute('data-blocked-route').split(' '),
        blockers: Array.from(li.querySelectorAll('li[data-blocker-edge]')).map((b) =>
          `${b.getAttribute('data-blocker-edge')} ${b.getAttribute('data-blocker-reason')}`),
        text: li.textContent,
      })),
    }));
    const settings = [];
    data.toggles.forEach((t, i) => settings.push('--set', `${t.id}=${values[i]}`));
    const query = JSON.parse(run(['query', scenario, '--format', 'json']
      .concat(settings, stated ? ['--as-of', stated] : [])).stdout);
    const want = query.blocked.map((b) => ({
      data: b.data, edges: b.edges, blockers: b.blockers.map((x) => `${x.edge} ${x.reason}`),
    }));
    const got = blocked.routes.map((r) => ({ data: r.data, edges: r.edges, blockers: r.blockers }));
    const what = `the state answering no (${parts.join('&')})`;
    if (query.reachable) fail(`${what}: query says yes`);
    if (!blocked.shown) fail(`${what}: "What blocks the routes" is not shown`);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      fail(`${what}: the page's blocked routes\n  ${JSON.stringify(got)}\nquery's\n  ${JSON.stringify(want)}`);
    }
    // Said in words: a law by its label.
    query.blocked.forEach((b, k) => b.blockers.forEach((x) => {
      const said = x.reason === 'policy' ? x.policy_label || '' : '';
      if (blocked.routes[k] && !blocked.routes[k].text.includes(said)) {
        fail(`${what}: blocked route ${k + 1} does not say "${said}": ${blocked.routes[k].text}`);
      }
    }));
    console.log(`${what}: ${got.length} blocked routes, as query explains them`);
    await page.click('#reset');
    if (!(await page.evaluate(() => document.getElementById('blocked').hidden)) &&
        (await shown(page)).answer === 'yes') {
      fail('"What blocks the routes" is shown for an answer yes');
    }
  }

  // A route clicked is picked out; a node clicked shows its details.
  await page.click('#reset');
  if (await page.$('[data-route-id]')) {
    await page.click('[data-route-id]');
    const picked = await page.evaluate(() => {
      const svg = document.querySelector('#viewport svg');
      return {
        selected: document.querySelector('[data-route-id]').getAttribute('aria-selected'),
        drawn: svg !== null,
        dimmed: svg ? svg.getAttribute('class') : '',
        lit: document.querySelectorAll('#viewport g.fs-selected').length,
      };
    });
    if (picked.selected !== 'true' ||
        (picked.drawn && (!/fs-dim/.test(picked.dimmed) || picked.lit === 0))) {
      fail('a route clicked is not picked out on the diagram: ' + JSON.stringify(picked));
    }
    await page.click('[data-route-id]');
  }
  const drawn = (await page.$('#viewport svg')) !== null;
  const node = drawn ? await page.$('#viewport g.node[id^="fs-n-"]') : null;
  if (!drawn) {
    console.log('no diagram on the page: ' + (await page.textContent('#diagram p')));
  } else if (node) {
    await node.click();
    const details = await page.textContent('#details');
    const label = await page.evaluate((id) => {
      const data = JSON.parse(document.getElementById('flowsim-data').textContent);
      return data.nodes.find((n) => 'fs-n-' + n.index === id).label;
    }, await node.getAttribute('id'));
    if (!details.includes(label)) fail(`a node clicked does not show its details: ${details}`);
  } else {
    fail('the diagram has no node to click');
  }

  // An unknown name in the address is said on the page.
  await page.evaluate(() => { location.hash = '#set=no_such_setting:true'; });
  const error = await page.evaluate(() => {
    const box = document.getElementById('state-error');
    return box.hidden ? '' : box.textContent;
  });
  if (!error.includes('no_such_setting')) fail(`an unknown name is not shown as an error: "${error}"`);
  await page.evaluate(() => { location.hash = ''; });

  // Labels at actual size: at least 10 px.
  if (drawn) await page.click('#zoom-actual');
  const { smallest, labels } = await page.evaluate(() => {
    const svg = document.querySelector('#viewport svg');
    let least = Infinity;
    if (!svg) return { smallest: least, labels: 0 };
    const texts = svg.querySelectorAll('text');
    texts.forEach((t) => {
      const size = parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize);
      least = Math.min(least, size * t.getScreenCTM().a);
    });
    return { smallest: least, labels: texts.length };
  });
  console.log(`smallest label at actual size: ${smallest.toFixed(1)} px (${labels} labels)`);
  // No label found would pass the size check by default: a drawn diagram has labels.
  if (drawn && !labels) fail('the diagram has no labels to measure');
  if (drawn && !(smallest >= 10)) fail(`a label at actual size is ${smallest.toFixed(1)} px, under 10 px`);
  await context.close();

  // Phone: the same page, touch, narrow.
  const phone = await open(pageUrl, { width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  await phone.page.goto(pageUrl);
  await phone.page.waitForSelector('html[data-ready="true"]');
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) fail(`at phone width the page scrolls sideways by ${overflow} px`);
  if (data.toggles.length) await phone.page.tap('input[data-toggle="0"]');
  // The whole page, unless it is very long (thousands of routes): then its first screen.
  const tall = await phone.page.evaluate(() => document.documentElement.scrollHeight);
  await phone.page.screenshot({
    path: path.join(screenshots, 'explorer-phone.png'), fullPage: tall <= 16000,
  });
  checkScreenshot(path.join(screenshots, 'explorer-phone.png'), 'phone');
  await phone.context.close();

  // The static report: its diagram at 100 % zoom has labels of at least 10 px.
  const reportPath = path.join(work, 'report.html');
  const report = run(['report', scenario, '-o', reportPath]);
  if (report.status === 2 && report.stderr.includes('Graphviz can lay out')) {
    console.log('static report: no diagram (too many nodes): ' + report.stderr.trim());
  } else if (report.status !== 0) {
    fail(`flowsim report exited ${report.status}: ${report.stderr}`);
  } else {
    const staticPage = await open('file://' + reportPath, { width: 1280, height: 900 });
    await staticPage.page.goto('file://' + reportPath);
    const { least, labels, shortest } = await staticPage.page.evaluate(() => {
      let least = Infinity;
      let shortest = Infinity;
      const texts = document.querySelectorAll('svg.diagram text');
      texts.forEach((t) => {
        const size = parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize);
        least = Math.min(least, size * t.getScreenCTM().a);
        if (t.textContent.trim()) shortest = Math.min(shortest, t.getBoundingClientRect().height);
      });
      return { least, labels: texts.length, shortest };
    });
    console.log(`static report: ${labels} labels, smallest ${least.toFixed(1)} px at 100 % zoom ` +
      `(lowest box ${shortest.toFixed(1)} px tall)`);
    // No label found would pass the size check by default: the diagram has labels.
    if (!labels) fail('the static report\'s diagram has no labels (svg.diagram text)');
    if (!(least >= 10)) fail(`the static report's smallest label is ${least.toFixed(1)} px at 100 % zoom`);
    if (!(shortest >= 10)) fail(`a label of the static report is drawn ${shortest.toFixed(1)} px tall at 100 % zoom`);
    await staticPage.context.close();
  }
  await browser.close();
  for (const problem of problems) fail(problem);
  fs.rmSync(work, { recursive: true, force: true });
  if (!failures.length) {
    console.log(`the page matches paths and query in ${STATES + 1} states; no requests, no console ` +
      'messages, labels legible, screenshots not blank');
  }
  return failures.length ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => {
  console.log('FAILED: ' + (error && error.stack ? error.stack : error));
  process.exit(1);
});
