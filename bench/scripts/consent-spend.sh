#!/usr/bin/env bash
# Whole-process benchmark: consent-token spends per second and their latency through KWAM's ledger
# (MustAgree over a real Raft group, fsync on) against etcd doing the same put-if-absent transaction (fresh
# key per spend, its default fsync, a Java client: jetcd), 1 and 3 voters, 1 and 64 in flight, with the
# ratio KWAM/etcd of each repeat. After every point 100 spent tokens are spent again and every replay must
# be refused: one accepted fails the script. See docs/benchmarks.md.
#
#   bench/scripts/consent-spend.sh [REPEATS] [SECONDS] [SETTLE]
#       defaults: 3 repeats, 5 s per measured point, 20 s of unmeasured spends at 64 in flight before the points
#       (both targets alike: the JVM's JIT compiles the hot paths in the first half minute under load)
#
# Per repeat, in turn: KWAM 1 voter, etcd 1 member, KWAM 3 voters (3 actor systems, 3 Ratis peers, one JVM),
# etcd 3 members (3 processes); each starts fresh, with its data under one temp dir on the same disk, and is
# stopped before the next starts. Installs etcd-server and etcd-client from Debian when they are missing.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/bench/target/kwam-bench.jar"
# etcd is the anchor: Debian's packages, installed here when missing (as root, or through sudo).
if ! command -v etcd >/dev/null || ! command -v etcdctl >/dev/null; then
  sudo_cmd=(); [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo -n)
  echo "installing Debian's etcd-server and etcd-client (the anchor this benchmark measures against)" >&2
  "${sudo_cmd[@]}" apt-get install -y etcd-server etcd-client >&2 || {
    echo "error: etcd is not installed and apt-get could not install it; run: apt-get install -y etcd-server etcd-client" >&2; exit 2; }
fi
[[ -f "$jar" ]] || { echo "error: $jar missing; build it with: mvn -B -o -q -pl bench -am package -DskipTests" >&2; exit 2; }
repeats="${1:-3}"; seconds="${2:-5}"; settle="${3:-20}"
java_cmd=(java -Xmx1g -cp "$jar" dev.kwam.bench.SpendBench)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

work="$(mktemp -d)"
etcd_pids=()
stop_etcd() {
  for p in "${etcd_pids[@]:-}"; do [[ -n "$p" ]] && { kill "$p"; wait "$p"; } 2>/dev/null || true; done
  etcd_pids=()
}
cleanup() { stop_etcd; rm -rf "$work"; }
trap cleanup EXIT

# Starts an etcd cluster of $1 members under $2 and sets $endpoints (comma-separated client URLs).
start_etcd() {
  local n=$1 dir=$2 cluster="" i
  local -a client=() peer=()
  for i in $(seq 1 "$n"); do
    client[$i]=$(free_port); peer[$i]=$(free_port)
    cluster+="${cluster:+,}e$i=http://127.0.0.1:${peer[$i]}"
  done
  endpoints=""
  for i in $(seq 1 "$n"); do
    etcd --name "e$i" --data-dir "$dir/e$i" --initial-cluster-state new --initial-cluster-token "bench-$n" \
      --initial-cluster "$cluster" \
      --listen-peer-urls "http://127.0.0.1:${peer[$i]}" --initial-advertise-peer-urls "http://127.0.0.1:${peer[$i]}" \
      --listen-client-urls "http://127.0.0.1:${client[$i]}" --advertise-client-urls "http://127.0.0.1:${client[$i]}" \
      >"$dir-e$i.log" 2>&1 &
    etcd_pids+=($!)
    endpoints+="${endpoints:+,}http://127.0.0.1:${client[$i]}"
  done
  for _ in $(seq 1 300); do
    etcdctl --endpoints "$endpoints" endpoint health >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "error: etcd ($n members) not healthy within 30 s; its log: $dir-e1.log" >&2; exit 1
}

# Runs one SpendBench target; its 'point' lines go to stdout and $work/points, prefixed with the repeat.
run_target() {
  local rep=$1; shift
  local rc=0
  "${java_cmd[@]}" "$@" --seconds "$seconds" --settle "$settle" --serial 20000 --parallel 200000 >"$work/out" 2>>"$work/java.log" || rc=$?
  { grep -E "^(point|warmup|settle) " "$work/out" || true; } | sed "s/^/rep=$rep /" | tee -a "$work/points"
  if (( rc == 3 )); then echo "FAIL: a replayed spend was accepted, or a fresh one refused ($*)" >&2; exit 3; fi
  if (( rc != 0 )); then echo "warning: $1 $2 exited $rc (errors are counted in its lines; log: $work/java.log)" >&2; fi
}

echo "etcd: $(etcd --version | head -1); java: $(java -version 2>&1 | head -1); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq 1 "$repeats"); do
  for voters in 1 3; do
    run_target "$rep" kwam "$voters" "$work/kwam-r$rep-v$voters"
    mkdir -p "$work/etcd-r$rep-v$voters"
    start_etcd "$voters" "$work/etcd-r$rep-v$voters"
    run_target "$rep" etcd "$endpoints"
    stop_etcd
    rm -rf "$work/kwam-r$rep-v$voters" "$work/etcd-r$rep-v$voters"
  done
done

# Per repeat the ratio KWAM/etcd of spends/s (above 1: KWAM faster) and of p50/p99 (above 1: KWAM slower);
# then the median over repeats of every figure and of every ratio.
awk '
  function field(name,   i, kv) { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] } return "" }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  $2 == "point" {
    k = field("voters") "|" field("in_flight"); t = field("target"); r = field("rep")
    rate[t, k, r] = field("per_sec"); p50[t, k, r] = field("p50_ms"); p99[t, k, r] = field("p99_ms")
    split(field("replays_refused"), rr, "/"); refused += rr[1]; replayed += rr[2]
    keys[k] = 1; reps[r] = 1
  }
  END {
    for (k in keys) for (r in reps) if ((("kwam", k, r) in rate) && (("etcd", k, r) in rate)) {
      l["kr", k] = l["kr", k] " " rate["kwam", k, r]; l["er", k] = l["er", k] " " rate["etcd", k, r]
      l["k50", k] = l["k50", k] " " p50["kwam", k, r]; l["e50", k] = l["e50", k] " " p50["etcd", k, r]
      l["k99", k] = l["k99", k] " " p99["kwam", k, r]; l["e99", k] = l["e99", k] " " p99["etcd", k, r]
      l["rr", k] = l["rr", k] " " rate["kwam", k, r] / rate["etcd", k, r]
      l["r50", k] = l["r50", k] " " p50["kwam", k, r] / p50["etcd", k, r]
      l["r99", k] = l["r99", k] " " p99["kwam", k, r] / p99["etcd", k, r]
    }
    print ""
    print "medians over the repeats (each ratio: the median of the per-repeat KWAM/etcd)"
    print "| voters | in flight | KWAM spends/s | etcd spends/s | ratio | KWAM p50 / p99 ms | etcd p50 / p99 ms | p50 ratio | p99 ratio |"
    print "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    n = split("1|1 1|64 3|1 3|64", order, " ")
    for (i = 1; i <= n; i++) { k = order[i]; if (!(("rr", k) in l)) continue; split(k, vk, "|")
      printf "| %s | %s | %.0f | %.0f | %.3f | %.1f / %.1f | %.1f / %.1f | %.1f | %.1f |\n", vk[1], vk[2],
        median(l["kr", k]), median(l["er", k]), median(l["rr", k]), median(l["k50", k]), median(l["k99", k]),
        median(l["e50", k]), median(l["e99", k]), median(l["r50", k]), median(l["r99", k])
    }
    printf "replays refused: %d/%d\n", refused, replayed
  }' "$work/points"
