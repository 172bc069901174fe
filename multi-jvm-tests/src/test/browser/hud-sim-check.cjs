// The HUD over a modeled fleet (kwam sim --serve) in Debian's chromium (headless, through playwright-core): how long
// the page takes to its first full render, and a drill-down click answered. SimHudBrowserIT runs it, and
// bench/scripts/hud-page-load.sh times it at 1,000 and 100,000 nodes.
//   node hud-sim-check.cjs URL SCREENSHOT_DIR NODES
//   -> "render MS"   navigation to the map drawn with every node counted, the topology and a MODELED label shown
//   -> "drill MS"    from a click on the map's first tile to the next level drawn
//   -> "node NAME"   after drilling down to a node, whose details the page shows
//   -> "done"        screenshots written; exit 0. Anything else: a line "error: …" and exit 1.
const { chromium } = require('playwright-core');
const { drillToNode } = require('./hud-drill.cjs');

const [url, shots, nodes] = process.argv.slice(2);
const timeout = 120_000;

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    page.on('pageerror', (e) => console.error('page error: ' + e.message));
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction((n) => {
      const topology = window.hud && window.hud.topology;
      return topology && topology.source === 'MODELED' && topology.tree.nodes === Number(n) && window.hud.paints > 0
        && window.hud.tiles.length > 0 && document.querySelector('.label.MODELED') !== null;
    }, nodes, { timeout, polling: 20 });
    console.log(`render ${Date.now() - t0}`);
    if (await page.$('.label.LIVE')) throw new Error('a modeled fleet showed a LIVE label');
    await page.screenshot({ path: `${shots}/hud-sim-${nodes}.png`, fullPage: true });
    const drills = [];
    const node = await drillToNode(page, timeout, (ms) => drills.push(ms));
    console.log(`drill ${drills[0]}`);
    console.log(`node ${node}`);
    await page.screenshot({ path: `${shots}/hud-sim-${nodes}-node.png`, fullPage: true });
    console.log('done');
  } finally {
    await browser.close();
  }
})().catch((e) => { console.log('error: ' + e.message.split('\n')[0]); process.exit(1); });
