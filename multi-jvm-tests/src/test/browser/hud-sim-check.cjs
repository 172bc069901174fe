// The HUD over a modeled fleet (kwam sim --serve) in Debian's chromium (headless, through playwright-core): how long
// the page takes to its first full render, and a drill-down click answered. SimHudBrowserIT runs it, and
// bench/scripts/hud-page-load.sh times it at 1,000 and 100,000 nodes.
//   node hud-sim-check.cjs URL SCREENSHOT_DIR NODES
//   -> "render MS"   navigation to the map drawn with every node counted, the topology and a MODELED label shown
//   -> "drill MS"    from a click on the map's first tile to the next level drawn
//   -> "node NAME"   after drilling down to a node, whose details the page shows
//   -> "done"        screenshots written; exit 0. Anything else: a line "error: …" and exit 1.
const { chromium } = require('playwright-core');

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
    const clickTile = async (tile) => {
      const box = await page.locator('#map').boundingBox();
      const scale = box.width / (await page.evaluate(() => document.getElementById('map').width));
      await page.mouse.click(box.x + (tile.x + tile.w / 2) * scale, box.y + (tile.y + tile.h / 2) * scale);
    };
    let first = true;
    for (let depth = 0; depth < 7; depth++) {
      const tile = await page.evaluate(() => window.hud.tiles[0]);
      if (tile.kind === 'node') {
        await clickTile(tile);
        await page.waitForFunction((name) => { const dl = document.getElementById('node-dl'); return dl && dl.dataset.node === name; },
          tile.name, { timeout });
        console.log(`node ${tile.name}`);
        break;
      }
      const [depthBefore, paints] = await page.evaluate(() => [window.hud.path.length, window.hud.paints]);
      const t1 = Date.now();
      await clickTile(tile);
      await page.waitForFunction(([d, p]) => window.hud.path.length === d + 1 && window.hud.paints > p && window.hud.tiles.length > 0,
        [depthBefore, paints], { timeout, polling: 20 });
      if (first) console.log(`drill ${Date.now() - t1}`);
      first = false;
    }
    if (!(await page.$('#node-dl'))) throw new Error('drilling down the map never reached a node');
    await page.screenshot({ path: `${shots}/hud-sim-${nodes}-node.png`, fullPage: true });
    console.log('done');
  } finally {
    await browser.close();
  }
})().catch((e) => { console.log('error: ' + e.message.split('\n')[0]); process.exit(1); });
