package dev.kwam.bench;

import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.lex.LexedSource;
import dev.kwam.dsl.lex.Lexer;
import dev.kwam.dsl.parse.ParseResult;
import dev.kwam.dsl.parse.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lex + parse of generated 10k- and 100k-line policies (the tour's nine blocks, repeated under
 * fresh names), one thread. The {@code bytes} counter is source bytes parsed per second, so the
 * MB/s figure is read off directly; equal MB/s at both sizes means the cost is linear in size.
 * {@code lexOnly} separates the lexer's share.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class PolicyParseBench {
    @Param({"10000", "100000"})
    int lines;

    private SourceFile source;
    private int size;

    /** Source bytes consumed; JMH reports it per second next to ops/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void generate() {
        String text = policy(lines);
        source = SourceFile.of("bench.kwam", text);
        size = text.getBytes(StandardCharsets.UTF_8).length;
        ParseResult check = PolicyParser.parse(source);
        if (!check.ok()) {
            throw new IllegalStateException("the generated policy must parse: " + check.diagnostics().get(0).headline());
        }
        System.out.printf("%n%d lines, %d bytes%n", source.lineCount() - 1, size);
    }

    @Benchmark
    public ParseResult lexAndParse(Bytes counter) {
        counter.bytes += size;
        return PolicyParser.parse(source);
    }

    @Benchmark
    public LexedSource lexOnly(Bytes counter) {
        counter.bytes += size;
        return Lexer.lex(source, new Diagnostics(source));
    }

    /** About {@code lines} lines: a header, then the tour's blocks again and again with numbered names. */
    static String policy(int lines) {
        StringBuilder s = new StringBuilder("apiVersion \"kwam.dev/v0.2\"\nimport \"std/faultdomains\" as fd\nuse fd.h100\n"
                + "let fanout = 8x\nlet ca = secret://vault/kwam/mtls-ca\nlet grant = grant://eyJ2IjoxfQ.c2lnbmF0dXJl\n");
        int n = 0;
        while (s.chars().filter(c -> c == '\n').count() < lines) {
            s.append(TEMPLATE.replace("_N", "_" + n++));
        }
        return s.toString();
    }

    private static final String TEMPLATE = """

            profile h100_dc_N {
              hardware "h100"
              interconnect "nvlink+ib"
              health [dcgm, nvml]  # telemetry only, not kernel-level
              fanout ${fanout}
              cache_size 512mb
            }

            policy trust_root_N {
              ca ${ca}
              sandbox_floor gvisor
              grants {
                "spiffe://kwam/acme/cl-7/*/*/*/seed" {
                  caps [discover, replicate, deploy, quarantine]
                  signed_by "acme-prod"
                  discover_scope [10.40.0.0/16, fd00::/8]
                  dual_control true
                }
              }
            }

            server seed_N {
              identity spiffe://kwam/acme/cl-7/az1/pod0/n0000/seed
              transport quic
              ports {
                control 7400
                data 7401
                metrics 7402
              }
              seeds [kwam-seed.internal, kwam-seed-2.internal:7400]
              trust trust_root_N
              llm dc_negotiator_N
            }

            discovery dc_negotiator_N {
              strategy gossip
              fanout ${fanout}
              negotiator {
                task "next-hop-path"
                fallback deterministic
                model "qwen2.5:0.5b"
                max_tokens 64
                timeout 250ms
              }
            }

            client kwam_node_N {
              image "sha256:9f3a7c0e5b1d4a6f8c2e7b9d1a3f5c7e9b2d4f6a8c0e1b3d5f7a9c2e4b6d8d21"
              sandbox gvisor
              health [dcgm.gpu_health, nvml.xid_errors, nccl.comm_status]
              safepoint cooperative
            }

            replicate code_and_data_N {
              factor 3
              anti_affinity [rack, pdu, spine, az]
              codec {
                scheme rs
                data 10
                parity 4
              }
              chunker {
                algorithm fastcdc
                min 256kb
                avg 1mb
                max 4mb
              }
            }

            guard sla_N {
              durability 6nines
              mttr_restore 30m
              recovery_time 6h
              integrity sha256
              on_violation quarantine
              node_mtbf 35000h
              error_budget 0.1%
            }

            metric integrity_slo_N {
              observe silent_corruption_count
              target 0
              window 30d
            }

            deploy rollout_h100_N {
              server seed_N
              client kwam_node_N
              to h100_pool
              strategy canary
              waves [1percent, 5percent, 25percent, 50percent, 100percent]
              bake ${fanout} > 4 ? 10m : 5m
              consent {
                grant_ref ${grant}
                scope fleet.h100_pool
              }
            }
            """;
}
