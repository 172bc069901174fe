#!/usr/bin/env bash
# Whole-process benchmark: protect and recover through the gRPC API of a 5-node loopback cluster
# (mutual TLS, each node its own JVM and data directory), as a ratio of the local SDK (`kwam protect`
# / `kwam recover` to a directory) on the same file, same codec, in the same run. See docs/benchmarks.md.
#
#   bench/scripts/grpc-throughput.sh [SIZE_MIB] [RUNS]      (defaults: 256 MiB, 3 runs)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/node-app/target/kwam.jar"
[[ -f "$jar" ]] || { echo "error: $jar missing; build it with: mvn -B -DskipTests package" >&2; exit 2; }
size_mib="${1:-256}"; runs="${2:-3}"
java_cmd=(java --add-modules=jdk.incubator.vector -jar "$jar")
node_heap="${KWAM_NODE_HEAP:--Xmx1g}"

now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ready() { [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/ready" || true)" == 200 ]]; }
up_count() { curl -s "http://127.0.0.1:$1/members" | grep -o '"status":"Up"' | wc -l || true; }
mbps() { echo "scale=1; $size_mib * 1048576 / 1000000 / ($1 / 1000)" | bc -l; }

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [[ -n "$p" ]] && { kill -9 "$p"; wait "$p"; } 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"

head -c $((size_mib << 20)) /dev/urandom > input.bin
"${java_cmd[@]}" pki init --trust-domain bench.test --out ca >/dev/null 2>&1
for i in 1 2 3 4 5 client; do
  "${java_cmd[@]}" pki issue --ca ca --spiffe-id "spiffe://bench.test/acme/cl-1/az1/pod-1/node-$i/kwamd" --out "pki-$i" >/dev/null 2>&1
done
printf 'kwam.node.store { reserve = 0, reserve-percent = 0 }\n' > node.conf
declare -a control=() data=() metrics=()
for i in 1 2 3 4 5; do control[$i]=$(free_port); data[$i]=$(free_port); metrics[$i]=$(free_port); done
for i in 1 2 3 4 5; do
  seed=(); (( i > 1 )) && seed=(--seed "127.0.0.1:${control[1]}")
  java --add-modules=jdk.incubator.vector "$node_heap" -jar "$jar" up --name "node-$i" --data "data-$i" --pki "pki-$i" \
    --control-port "${control[$i]}" --data-port "${data[$i]}" --metrics-port "${metrics[$i]}" --domain "rack=r$i" \
    --config node.conf "${seed[@]}" >"node-$i.log" 2>&1 &
  pids+=($!)
  (( i == 1 )) && until ready "${metrics[1]}"; do sleep 0.1; done
done
for i in 1 2 3 4 5; do until ready "${metrics[$i]}" && (( $(up_count "${metrics[$i]}") == 5 )); do sleep 0.2; done; done

echo "file: ${size_mib} MiB random, codec rs(3,2), 5 nodes on loopback, node heap $node_heap"
echo "== one warm KwamClient in one JVM vs the SDK in the same JVM (the API's throughput) =="
java --add-modules=jdk.incubator.vector -cp "$root/bench/target/kwam-bench.jar" dev.kwam.bench.GrpcThroughput input.bin \
  "127.0.0.1:${data[1]}" "127.0.0.1:${data[5]}" pki-client "$runs" 3 2 2>/dev/null | grep -E '^(warm-up|run )'
echo "== whole processes: kwam client protect|recover vs kwam protect|recover (JVM start included) =="
# Run 0 warms the nodes up (they are long-running servers; JIT and the Vector API's C2 compilation
# happen once per node) and is reported as "cold". Every client and local-SDK run is a fresh JVM either way.
for run in $(seq 0 "$runs"); do
  rm -rf local.d local.out grpc.out
  t0=$(now_ms); "${java_cmd[@]}" protect input.bin --data 3 --parity 2 --out local.d >/dev/null 2>&1; lp=$(( $(now_ms) - t0 ))
  t0=$(now_ms); "${java_cmd[@]}" recover local.d/manifest.kwm --from local.d --out local.out >/dev/null 2>&1; lr=$(( $(now_ms) - t0 ))
  t0=$(now_ms); cid=$("${java_cmd[@]}" client protect input.bin --node "127.0.0.1:${data[1]}" --pki pki-client --data 3 --parity 2 2>/dev/null)
  gp=$(( $(now_ms) - t0 ))
  t0=$(now_ms); "${java_cmd[@]}" client recover "$cid" --node "127.0.0.1:${data[5]}" --pki pki-client --out grpc.out >/dev/null 2>&1
  gr=$(( $(now_ms) - t0 ))
  cmp -s input.bin grpc.out || { echo "error: recovered bytes differ" >&2; exit 1; }
  label="run $run"; (( run == 0 )) && label="cold"
  printf '%s: protect local %d ms (%s MB/s), gRPC %d ms (%s MB/s), ratio %.2f | recover local %d ms (%s MB/s), gRPC %d ms (%s MB/s), ratio %.2f\n' \
    "$label" "$lp" "$(mbps $lp)" "$gp" "$(mbps $gp)" "$(echo "$lp/$gp" | bc -l)" "$lr" "$(mbps $lr)" "$gr" "$(mbps $gr)" "$(echo "$lr/$gr" | bc -l)"
done
