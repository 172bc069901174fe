#!/usr/bin/env bash
# Whole-process benchmark: time from `kwam up` to /ready, and cluster convergence, for N real node
# processes on loopback with mutual TLS. Prints one line per measurement; see docs/benchmarks.md.
#
#   bench/scripts/cluster-convergence.sh 3 5 10
#
# For each N: a fresh CA and N certificates; node-1 starts alone (its start-to-ready time is
# "founder ready"); then nodes 2..N start at once, seeded with node-1, and "converged" is the time
# until every node's /ready is 200 and every node's /members lists N members Up. Baseline measured
# in the same run: `java -jar kwam.jar --version` (JVM start + the CLI's class loading).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/node-app/target/kwam.jar"
[[ -f "$jar" ]] || { echo "error: $jar missing; build it with: mvn -B -DskipTests package" >&2; exit 2; }
java_cmd=(java --add-modules=jdk.incubator.vector -Xmx256m -jar "$jar")
(( $# > 0 )) || set -- 3 5 10

now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ready() { [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/ready" || true)" == 200 ]]; }
up_count() { curl -s "http://127.0.0.1:$1/members" | grep -o '"status":"Up"' | wc -l || true; }

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [[ -n "$p" ]] && kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

t0=$(now_ms); "${java_cmd[@]}" --version >/dev/null 2>&1; baseline=$(( $(now_ms) - t0 ))
echo "baseline: java -jar kwam.jar --version = ${baseline} ms"

for n in "$@"; do
  dir="$work/n$n"; mkdir -p "$dir"; cd "$dir"
  "${java_cmd[@]}" pki init --trust-domain bench.test --out ca >/dev/null 2>&1
  printf 'kwam.node.store { reserve = 0, reserve-percent = 0 }\n' > node.conf
  declare -a control=() metrics=()
  for i in $(seq 1 "$n"); do
    "${java_cmd[@]}" pki issue --ca ca --spiffe-id "spiffe://bench.test/acme/cl-1/az1/pod-1/node-$i/kwamd" --out "pki-$i" >/dev/null 2>&1
    control[$i]=$(free_port); metrics[$i]=$(free_port)
  done
  start_node() {
    local i=$1; shift
    "${java_cmd[@]}" up --name "node-$i" --data "data-$i" --pki "pki-$i" --control-port "${control[$i]}" \
      --data-port "$(free_port)" --metrics-port "${metrics[$i]}" --domain "rack=r$i" --config node.conf "$@" \
      >"node-$i.log" 2>&1 &
    pids+=($!)
  }
  t0=$(now_ms); start_node 1
  until ready "${metrics[1]}"; do sleep 0.05; done
  founder=$(( $(now_ms) - t0 ))
  t1=$(now_ms)
  for i in $(seq 2 "$n"); do start_node "$i" --seed "127.0.0.1:${control[1]}"; done
  for i in $(seq 1 "$n"); do
    until ready "${metrics[$i]}" && (( $(up_count "${metrics[$i]}") == n )); do sleep 0.1; done
  done
  converged=$(( $(now_ms) - t1 ))
  printf 'nodes=%d founder-ready=%d ms (%.1fx baseline) converged=%d ms (%.1fx baseline)\n' "$n" "$founder" \
    "$(echo "$founder/$baseline" | bc -l)" "$converged" "$(echo "$converged/$baseline" | bc -l)"
  for p in "${pids[@]}"; do { kill -9 "$p"; wait "$p"; } 2>/dev/null || true; done
  pids=()
  cd "$work"
done
