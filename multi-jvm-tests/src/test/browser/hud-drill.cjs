// What both browser checks do on the HUD's map (hud-check.cjs, hud-sim-check.cjs): click a tile, and drill down from
// the fleet through its domains to one node, whose details the page then shows.

/** Clicks the middle of {@code tile} (map coordinates) on the page's canvas, whatever its on-screen scale. */
async function clickTile(page, tile) {
  const box = await page.locator('#map').boundingBox();
  const scale = box.width / (await page.evaluate(() => document.getElementById('map').width));
  await page.mouse.click(box.x + (tile.x + tile.w / 2) * scale, box.y + (tile.y + tile.h / 2) * scale);
}

/**
 * Clicks the first tile of each level until a node is drawn, then that node; answers the node's name once the page
 * shows it. {@code onLevel(ms)} hears how long each click took to draw the next level.
 */
async function drillToNode(page, timeout, onLevel = () => {}) {
  for (let depth = 0; depth < 7; depth++) {
    const tile = await page.evaluate(() => window.hud.tiles[0]);
    if (tile.kind === 'node') {
      await clickTile(page, tile);
      await page.waitForFunction((name) => { const dl = document.getElementById('node-dl'); return dl && dl.dataset.node === name; },
        tile.name, { timeout });
      return tile.name;
    }
    const [depthBefore, paints] = await page.evaluate(() => [window.hud.path.length, window.hud.paints]);
    const t0 = Date.now();
    await clickTile(page, tile);
    await page.waitForFunction(([d, p]) => window.hud.path.length === d + 1 && window.hud.paints > p && window.hud.tiles.length > 0,
      [depthBefore, paints], { timeout, polling: 20 });
    onLevel(Date.now() - t0);
  }
  throw new Error('drilling down the map never reached a node');
}

module.exports = { clickTile, drillToNode };
