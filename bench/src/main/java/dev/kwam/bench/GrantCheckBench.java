package dev.kwam.bench;

import dev.kwam.dsl.CompileOptions;
import dev.kwam.dsl.CompileResult;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.node.authz.AccessTable;
import dev.kwam.node.authz.Authorizer;
import dev.kwam.node.authz.Decision;
import dev.kwam.node.authz.Grants;
import dev.kwam.node.authz.Requirement;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The grant check every data-port call pays (node-app's authz): {@code cached} is what a call costs once its caller
 * has been seen, {@code uncached} matches every grant's pattern as the first call of a caller does. The baseline
 * is a look-up of the same SPIFFE ID in a ConcurrentHashMap: the floor of any cached check. 16 grants, the caller
 * matching only the last two, so a first call walks them all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class GrantCheckBench {
    private Authorizer authorizer;
    private Grants grants;
    private SpiffeId caller;
    private Requirement putChunk;
    private final ConcurrentHashMap<SpiffeId, Long> baselineMap = new ConcurrentHashMap<>();

    @Setup
    public void compile() {
        StringBuilder policy = new StringBuilder("apiVersion \"kwam.dev/v0.2\"\npolicy fleet {\n  grants {\n");
        for (int i = 0; i < 14; i++) {
            policy.append("    \"spiffe://kwam.example/acme/cl-").append(100 + i).append("/*/*/*/kwamd\" {\n      caps [read]\n    }\n");
        }
        policy.append("    \"spiffe://kwam.example/acme/cl-7/*/*/*/kwamd\" {\n      caps [replicate, repair]\n    }\n");
        policy.append("    \"spiffe://kwam.example/acme/cl-7/az1/pod-3/*/kwamd\" {\n      caps [scrub]\n    }\n");
        policy.append("  }\n}\n");
        CompileResult compiled = PolicyCompiler.compile("bench.kwam", policy.toString().getBytes(StandardCharsets.UTF_8),
                CompileOptions.standard());
        if (compiled.policy().isEmpty()) {
            throw new IllegalStateException("the bench policy does not compile: " + compiled.diagnostics());
        }
        authorizer = Authorizer.of(compiled.policy(), "bench.kwam");
        grants = (Grants) authorizer;
        caller = SpiffeId.parse("spiffe://kwam.example/acme/cl-7/az1/pod-3/node-12/kwamd");
        putChunk = AccessTable.of("PUT", "/chunk/sha256:" + "0".repeat(64)).orElseThrow();
        if (!(authorizer.decide(caller, putChunk) instanceof Decision.Allowed)) {
            throw new IllegalStateException("the bench caller should be allowed: " + authorizer.decide(caller, putChunk));
        }
        baselineMap.put(caller, 1L);
    }

    @Benchmark
    public Decision cached() {
        return authorizer.decide(caller, putChunk);
    }

    @Benchmark
    public boolean uncached() {
        return grants.grantedTo(caller).contains(Capability.REPAIR);
    }

    @Benchmark
    public Long baselineMapLookup() {
        return baselineMap.get(caller);
    }
}
