// The KWAM HUD: reads the node's API (docs/api.md) and its event stream; every figure shows its source label, and
// what could not be read is drawn hatched as UNAVAILABLE, never as 0 or green. Plain JS, no build step, no download.
'use strict';

const hud = { path: [], tiles: [], paints: 0, lastEvent: 0, refreshing: false, topology: null };
window.hud = hud; // for the browser test: where the map's tiles are

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const label = (r) => `<span class="label ${esc(r.source)}" title="observed ${esc(r.observed_at)}">${esc(r.source)}</span>`;
const COLORS = { live: '#3fb950', up: '#3fb950', unreachable: '#d29922', joining: '#58a6ff', 'weakly-up': '#58a6ff',
  leaving: '#d29922', exiting: '#d29922', down: '#f85149', removed: '#f85149', gone: '#f85149',
  cordoned: '#58a6ff', draining: '#58a6ff', drained: '#8a96a3' };

async function getJson(path) {
  const r = await fetch(path, { cache: 'no-store' });
  const body = await r.json();
  if (!r.ok) { const e = new Error(body.error || r.status); e.body = body; throw e; }
  return body;
}

function unavailable(reason) { return `<span class="unavailable">UNAVAILABLE: ${esc(reason)}</span>`; }

// --- header, durability, findings, repairs

function renderStatus(s) {
  if (s.error) { $('fleet').innerHTML = unavailable(s.error); return; }
  const n = s.nodes;
  const marked = Object.entries(n.marked).map(([k, v]) => `${v} ${k}`).join(', ');
  $('fleet').innerHTML = `<b>${esc(s.self)}</b> · <span id="live-count">${n.live} live</span> of ${n.total} nodes` +
    (n.unreachable ? ` · <span class="sev-warning">${n.unreachable} unreachable</span>` : '') +
    (marked ? ` · ${esc(marked)}` : '') + ` · authorization: ${esc(s.authorization)} ${label(s)}`;
}

function drawGauge(d) {
  const c = $('gauge'), g = c.getContext('2d'), w = c.width, h = c.height, cx = w / 2, cy = h - 20, r = 100;
  g.clearRect(0, 0, w, h);
  const fleet = d.fleet && d.fleet.nines !== undefined ? d.fleet : null;
  const target = d.target && d.target.nines !== undefined ? d.target.nines : null;
  const max = Math.max(12, (target || 0) + 3, fleet ? fleet.nines + 1 : 0);
  const at = (v) => Math.PI + Math.PI * Math.min(v, max) / max;
  g.lineWidth = 18;
  if (!fleet) { // hatched: no figure, never an empty green arc
    g.strokeStyle = g.createPattern(hatch(), 'repeat');
    g.beginPath(); g.arc(cx, cy, r, Math.PI, 2 * Math.PI); g.stroke();
  } else {
    g.strokeStyle = '#2d333b'; g.beginPath(); g.arc(cx, cy, r, Math.PI, 2 * Math.PI); g.stroke();
    g.strokeStyle = fleet.meets_target ? '#3fb950' : '#f85149';
    g.beginPath(); g.arc(cx, cy, r, Math.PI, at(fleet.nines)); g.stroke();
  }
  if (target !== null) {
    const a = at(target); g.strokeStyle = '#e6e6e6'; g.lineWidth = 3; g.beginPath();
    g.moveTo(cx + (r - 14) * Math.cos(a), cy + (r - 14) * Math.sin(a)); g.lineTo(cx + (r + 14) * Math.cos(a), cy + (r + 14) * Math.sin(a)); g.stroke();
  }
  g.fillStyle = '#e6e6e6'; g.font = '600 22px system-ui'; g.textAlign = 'center';
  g.fillText(fleet ? `${fleet.nines} nines` : 'UNAVAILABLE', cx, cy - 10);
}

function hatch() {
  const p = document.createElement('canvas'); p.width = p.height = 8; const g = p.getContext('2d');
  g.strokeStyle = '#6e7681'; g.lineWidth = 2; g.beginPath(); g.moveTo(0, 8); g.lineTo(8, 0); g.stroke(); return p;
}

function renderDurability(d) {
  if (d.error) { $('durability-text').innerHTML = unavailable(d.error); return; }
  drawGauge(d);
  const t = d.target.nines !== undefined ? `target ${d.target.nines} nines (guard ${esc(d.target.guard)}) ${label(d.target)}`
    : unavailable(d.target.reason);
  const f = d.fleet.nines !== undefined ? `fleet ${d.fleet.nines} nines, ${esc(d.fleet.codec)}, ${d.fleet.meets_target ? 'meets' : '<b class="sev-critical">below</b>'} the target ${label(d.fleet)}`
    : unavailable(d.fleet.reason);
  $('durability-text').innerHTML = `<div>${t}</div><div>${f}</div><div class="doing">MTTR: ${esc(d.mttr.explanation)} ${label(d.mttr)}</div>`;
  $('survives').innerHTML = d.codecs.map((c) => `<li><b>${esc(c.codec)}</b> (${c.stripes} stripes): ${esc(c.summary)} ${label(c)}</li>`).join('');
}

function renderFindings(f) {
  if (f.error) { $('findings-list').innerHTML = `<li>${unavailable(f.error)}</li>`; return; }
  $('findings-list').innerHTML = f.items.length === 0 ? '<li class="doing">no findings</li>' : f.items.map((x) =>
    `<li data-code="${esc(x.code)}"><span class="sev-${esc(x.severity)}">${esc(x.code)} ${esc(x.severity)}</span> ${esc(x.title)} ${label(x)}` +
    `<div>${esc(x.detail)}</div><div class="doing">${x.since ? 'since ' + esc(x.since) + ' · ' : ''}${esc(x.doing)}</div></li>`).join('');
}

function renderRepairs(r) {
  if (r.error) { $('repair-state').innerHTML = unavailable(r.error); return; }
  const eta = r.eta.seconds !== undefined
    ? `ETA <b id="eta">${fmtSeconds(r.eta.seconds)}</b> (${fmtSeconds(r.eta.low_seconds)}–${fmtSeconds(r.eta.high_seconds)}) ${label(r.eta)}`
    : `ETA ${unavailable(r.eta.reason)}`;
  const rate = r.rate.bytes_per_second !== undefined ? `${fmtBytes(r.rate.bytes_per_second)}/s over ${r.rate.repairs} repairs ${label(r.rate)}`
    : unavailable(r.rate.reason);
  $('repair-state').innerHTML = `<div><span id="repair-word" class="state ${esc(r.state.split(' ')[0])}">${esc(r.state)}</span> — ${esc(r.why)}</div>` +
    `<div>${eta}</div><div>budget ${r.budget.in_use}/${r.budget.max_concurrent} ${esc(r.budget.from)} · rate ${rate}</div>` +
    `<div>SHA-256 gate: ${r.sha_gate.passed} passed, ${r.sha_gate.refused} refused · ${r.totals.repaired} repaired · ${r.parked.length} parked ${label(r)}</div>`;
  document.querySelector('#plan tbody').innerHTML = r.plan.map((p) => `<tr><td>${p.rank}</td><td class="cid" title="${esc(p.stripe)}">${esc(p.stripe.slice(7, 19))}</td>` +
    `<td>${esc(p.codec)}</td><td>${esc(p.state)}</td><td>${p.spare}</td><td>${esc(p.step ?? '')}</td></tr>`).join('');
}

function fmtSeconds(s) { return s < 120 ? `${Math.round(s)} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`; }
function fmtBytes(b) { const u = ['B', 'KiB', 'MiB', 'GiB']; let i = 0; while (b >= 1024 && i < 3) { b /= 1024; i++; } return `${b.toFixed(1)} ${u[i]}`; }

// --- topology: the domain tree drawn on a canvas, one tile per domain (or per node inside a leaf domain)

async function refreshTopology() {
  try {
    hud.topology = await getJson('/api/topology');
  } catch (e) {
    hud.topology = null;
    $('hover').innerHTML = unavailable(e.message);
  }
  await drawMap();
}

function domainAt(path) {
  let d = hud.topology && hud.topology.tree;
  for (const name of path) { d = d && (d.children || []).find((c) => c.name === name); }
  return d;
}

async function drawMap() {
  const d = domainAt(hud.path);
  if (!d) { hud.path = []; if (!hud.topology) return; return drawMap(); }
  $('crumbs').innerHTML = ['fleet', ...hud.path].map((n, i) => `<a data-depth="${i}">${esc(n)}</a>`).join(' › ');
  let items;
  if (d.children) {
    items = d.children.map((c) => ({ kind: 'domain', name: c.name, nodes: c.nodes, counts: c.counts }));
  } else if (hud.path.length > 0) {
    const leaf = hud.path[hud.path.length - 1];
    const page = await getJson(`/api/nodes?limit=1000&domain=${encodeURIComponent(leaf)}`);
    items = page.items.map((n) => ({ kind: 'node', name: n.name, nodes: 1, counts: { [n.state === 'up' && n.reachable ? 'live' : n.state]: 1 }, source: n.source }));
  } else {
    const page = await getJson('/api/nodes?limit=1000');
    items = page.items.map((n) => ({ kind: 'node', name: n.name, nodes: 1, counts: { [n.state === 'up' && n.reachable ? 'live' : n.state]: 1 }, source: n.source }));
  }
  paint(items, hud.topology.source);
}

function paint(items, source) {
  const c = $('map'), g = c.getContext('2d'), W = c.width, H = c.height;
  g.clearRect(0, 0, W, H);
  const n = Math.max(1, items.length), cols = Math.ceil(Math.sqrt(n * W / H)), rows = Math.ceil(n / cols);
  const w = W / cols, h = H / rows, pad = Math.min(4, w / 8);
  hud.tiles = [];
  hud.paints++;
  items.forEach((it, i) => {
    const x = (i % cols) * w, y = Math.floor(i / cols) * h;
    let off = 0; // the tile split by state, live first
    for (const [state, count] of Object.entries(it.counts).sort((a, b) => (a[0] === 'live' ? -1 : b[0] === 'live' ? 1 : 0))) {
      const part = (h - 2 * pad) * count / it.nodes;
      g.fillStyle = COLORS[state] || '#6e7681';
      g.fillRect(x + pad, y + pad + off, w - 2 * pad, part); off += part;
    }
    if (source === 'MODELED') { g.strokeStyle = '#a371f7'; g.lineWidth = 1; g.strokeRect(x + pad, y + pad, w - 2 * pad, h - 2 * pad); }
    if (w > 60 && h > 24) {
      g.fillStyle = '#0f1419'; g.font = '12px system-ui'; g.textAlign = 'left';
      g.fillText(it.name.replace(/^[a-z]+=/, ''), x + pad + 3, y + pad + 14, w - 2 * pad - 6);
    }
    hud.tiles.push({ x: x + pad, y: y + pad, w: w - 2 * pad, h: h - 2 * pad, ...it });
  });
  $('legend').innerHTML = `${items.length} ${items[0] && items[0].kind === 'node' ? 'node' : 'domain'}(s) ` + label(hud.topology) +
    ' ' + ['live', 'unreachable', 'down', 'cordoned', 'drained'].map((s) => `<span><i style="background:${COLORS[s]}"></i>${s}</span>`).join('');
}

function tileAt(ev) {
  const c = $('map'), r = c.getBoundingClientRect();
  const x = (ev.clientX - r.left) * c.width / r.width, y = (ev.clientY - r.top) * c.height / r.height;
  return hud.tiles.find((t) => x >= t.x && x < t.x + t.w && y >= t.y && y < t.y + t.h);
}

$('map').addEventListener('mousemove', (ev) => {
  const t = tileAt(ev);
  $('hover').textContent = t ? `${t.name}: ${Object.entries(t.counts).map(([k, v]) => `${v} ${k}`).join(', ')}` : '';
});

$('map').addEventListener('click', async (ev) => {
  const t = tileAt(ev);
  if (!t) return;
  if (t.kind === 'domain') { hud.path.push(t.name); await drawMap(); } else { await showNode(t.name); }
});

$('crumbs').addEventListener('click', async (ev) => {
  const depth = ev.target.dataset.depth;
  if (depth !== undefined) { hud.path = hud.path.slice(0, Number(depth)); await drawMap(); }
});

async function showNode(name) {
  try {
    const n = await getJson(`/api/nodes/${encodeURIComponent(name)}`);
    const domains = Object.entries(n.domains).map(([k, v]) => `${k}=${v}`).join(', ') || 'none';
    $('node-detail').innerHTML = `<dl id="node-dl" data-node="${esc(n.name)}"><dt>name</dt><dd>${esc(n.name)} ${label(n)}</dd>` +
      `<dt>state</dt><dd>${esc(n.state)}</dd><dt>domains</dt><dd>${esc(domains)}</dd><dt>mark</dt><dd>${esc(n.mark || 'in service')}</dd>` +
      `<dt>data port</dt><dd>${esc(n.data_endpoint)}</dd><dt>identity</dt><dd>${esc(n.spiffe_id)}</dd>` +
      `<dt>accelerators</dt><dd>${unavailable('no accelerator reading from this node (nvidia-smi / DCGM)')}</dd></dl>`;
  } catch (e) {
    $('node-detail').innerHTML = unavailable(e.message);
  }
}

// --- the event stream: a snapshot, then frames of events; reconnects and resumes after the last id seen

function connect() {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws` + (hud.lastEvent ? `?since=${hud.lastEvent}` : '');
  const ws = new WebSocket(url);
  ws.onopen = () => { $('link').textContent = 'live'; };
  ws.onclose = () => { $('link').innerHTML = unavailable('event stream closed; reconnecting'); setTimeout(connect, 2000); };
  ws.onmessage = (m) => {
    const f = JSON.parse(m.data);
    if (f.kind === 'snapshot') {
      hud.lastEvent = f.latest;
      renderStatus(f.state.status); renderDurability(f.state.durability); renderFindings(f.state.findings); renderRepairs(f.state.repairs);
      refreshTopology();
    } else if (f.kind === 'events') {
      hud.lastEvent = f.to;
      const feed = $('feed');
      for (const e of f.items) {
        const li = document.createElement('li');
        li.innerHTML = `<span class="t">${esc(e.at.slice(11, 19))}</span><b>${esc(e.type)}</b> ${esc(e.summary)} ${label(e)}`;
        feed.prepend(li);
      }
      while (feed.children.length > 200) feed.lastChild.remove();
      scheduleRefresh();
    }
  };
}

// Events say something changed: the panels are read again, at most every two seconds.
function scheduleRefresh() {
  if (hud.refreshing) return;
  hud.refreshing = true;
  setTimeout(async () => { hud.refreshing = false; await refreshAll(); }, 2000);
}

async function refreshAll() {
  const read = async (path, render) => { try { render(await getJson(path)); } catch (e) { render({ error: e.message }); } };
  await Promise.all([read('/api/status', renderStatus), read('/api/durability', renderDurability),
    read('/api/findings?limit=20', renderFindings), read('/api/repairs?limit=20', renderRepairs), refreshTopology()]);
}

connect();
setInterval(refreshAll, 5000); // membership seen by the failure detector alone produces no event: poll as well
