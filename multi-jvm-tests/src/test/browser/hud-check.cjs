// HudBrowserIT's eyes: opens the HUD in Debian's chromium (headless, through playwright-core) and reports what the
// page shows. Talks to the test over stdin/stdout, one line each way:
//   node hud-check.cjs URL SCREENSHOT_DIR EXPECTED_LIVE
//   -> "live N"            once the page shows N live nodes (N = EXPECTED_LIVE) and the map drew N LIVE node tiles
//   <- "killed"            the test killed one node with SIGKILL
//   -> "repair ETA"        once the page shows fewer live nodes and a repair with an ETA
//   -> "done"              after the screenshots are written; exit 0. Anything else: a line "error: …" and exit 1.
const { chromium } = require('playwright-core');
const readline = require('readline');
const { drillToNode } = require('./hud-drill.cjs');

const [url, shots, expectedLive] = process.argv.slice(2);
const timeout = 240_000;

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    page.on('pageerror', (e) => console.error('page error: ' + e.message));
    await page.goto(url);
    await page.waitForFunction((n) => {
      const live = document.getElementById('live-count');
      const topology = window.hud && window.hud.topology;
      return live && live.textContent === `${n} live` && topology && topology.source === 'LIVE'
        && topology.tree.counts.live === Number(n) && window.hud.tiles.length > 0;
    }, expectedLive, { timeout });
    const labels = await page.$$eval('.label.LIVE', (ls) => ls.length);
    if (labels === 0) throw new Error('no LIVE label on the page');
    await page.screenshot({ path: `${shots}/hud-live.png`, fullPage: true });
    // Drill-down: click domain tiles (az, then rack) until nodes are drawn, then a node: the page shows that node.
    await drillToNode(page, timeout);
    await page.screenshot({ path: `${shots}/hud-node.png`, fullPage: true });
    console.log(`live ${expectedLive}`);

    const rl = readline.createInterface({ input: process.stdin });
    const line = await new Promise((resolve) => rl.once('line', resolve));
    if (line.trim() !== 'killed') throw new Error(`expected "killed", got "${line}"`);
    await page.waitForFunction((n) => {
      const live = document.getElementById('live-count');
      return live && live.textContent !== `${n} live`;
    }, expectedLive, { timeout });
    await page.waitForFunction(() => {
      const eta = document.getElementById('eta');
      const word = document.getElementById('repair-word');
      return eta && word && word.textContent === 'running';
    }, null, { timeout, polling: 200 });
    const eta = await page.textContent('#eta');
    await page.screenshot({ path: `${shots}/hud-repair.png`, fullPage: true });
    console.log(`repair ${eta}`);
    console.log('done');
    rl.close();
  } finally {
    await browser.close();
  }
})().catch((e) => { console.log('error: ' + e.message.split('\n')[0]); process.exit(1); });
