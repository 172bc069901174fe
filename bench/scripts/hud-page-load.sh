#!/usr/bin/env bash
# Whole-process benchmark: the HUD page's load to first full render, in Debian's headless chromium, over a modeled
# fleet (kwam sim --serve) of 1,000 and of 100,000 nodes, and the time a drill-down click takes to draw the next level.
# The 1,000-node page is the baseline of the same run: the ratio says what 100x the nodes cost. Goal: < 2 s at
# 100,000 (issue 12). Needs chromium and the browser test's npm packages (.ci/run installs both).
#
#   bench/scripts/hud-page-load.sh [REPEATS]      (default 5 page loads per fleet size, each in a fresh browser)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
browser_dir="$root/multi-jvm-tests/src/test/browser"
[[ -x /usr/bin/chromium ]] || { echo "error: /usr/bin/chromium missing: apt-get install -y chromium" >&2; exit 2; }
[[ -d "$browser_dir/node_modules/playwright-core" ]] || { echo "error: run (cd $browser_dir && npm ci) first" >&2; exit 2; }
[[ -f "$root/node-app/target/kwam.jar" ]] || { echo "error: build first: mvn -B -o -q -pl node-app -am package -DskipTests" >&2; exit 2; }
repeats="${1:-5}"
work="$(mktemp -d)"
sim_pid=""
cleanup() { [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A render drill
for nodes in 1000 100000; do
  "$root/bin/kwam" sim --nodes "$nodes" --serve 0 --pace 24 > "$work/sim-$nodes.out" 2> "$work/sim-$nodes.err" &
  sim_pid=$!
  url=""
  for _ in $(seq 1 300); do
    url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/sim-$nodes.out" | head -1 || true)"
    [[ -n "$url" ]] && break
    sleep 0.1
  done
  [[ -n "$url" ]] || { echo "error: kwam sim --serve did not start; its log: $(cat "$work/sim-$nodes.err")" >&2; exit 1; }
  : > "$work/render-$nodes"; : > "$work/drill-$nodes"
  for rep in $(seq 1 "$repeats"); do
    out="$(cd "$browser_dir" && node hud-sim-check.cjs "$url" "$work" "$nodes")"
    grep -q '^done' <<< "$out" || { echo "error: $out" >&2; exit 1; }
    r="$(awk '/^render /{print $2}' <<< "$out")"; d="$(awk '/^drill /{print $2}' <<< "$out")"
    echo "nodes=$nodes rep=$rep render_ms=$r drill_ms=$d"
    echo "$r" >> "$work/render-$nodes"; echo "$d" >> "$work/drill-$nodes"
  done
  render[$nodes]="$(median < "$work/render-$nodes")"; drill[$nodes]="$(median < "$work/drill-$nodes")"
  kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true; sim_pid=""
done
echo
echo "| nodes | page load to first full render (median ms) | drill-down click to next level (median ms) |"
echo "| --- | --- | --- |"
for nodes in 1000 100000; do echo "| $nodes | ${render[$nodes]} | ${drill[$nodes]} |"; done
awk -v a="${render[100000]}" -v b="${render[1000]}" 'BEGIN { printf "ratio, 100,000 / 1,000 nodes: %.2f; goal at 100,000: < 2000 ms\n", a / b }'
