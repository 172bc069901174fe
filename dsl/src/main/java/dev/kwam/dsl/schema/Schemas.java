package dev.kwam.dsl.schema;

import static dev.kwam.dsl.schema.ValueKind.BOOL;
import static dev.kwam.dsl.schema.ValueKind.CIDR;
import static dev.kwam.dsl.schema.ValueKind.COUNT;
import static dev.kwam.dsl.schema.ValueKind.DURATION;
import static dev.kwam.dsl.schema.ValueKind.GRANT;
import static dev.kwam.dsl.schema.ValueKind.HOST;
import static dev.kwam.dsl.schema.ValueKind.IDENTITY;
import static dev.kwam.dsl.schema.ValueKind.INT;
import static dev.kwam.dsl.schema.ValueKind.MAP;
import static dev.kwam.dsl.schema.ValueKind.NINES;
import static dev.kwam.dsl.schema.ValueKind.PERCENT;
import static dev.kwam.dsl.schema.ValueKind.SCALAR;
import static dev.kwam.dsl.schema.ValueKind.SECRET;
import static dev.kwam.dsl.schema.ValueKind.SIZE;
import static dev.kwam.dsl.schema.ValueKind.STRING;
import static dev.kwam.dsl.schema.ValueKind.SYMBOL;

import dev.kwam.dsl.syntax.BlockKind;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.dsl.vocab.SandboxTier;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The closed schemas of the nine blocks and their nested blocks (reference, section 05). Required
 * keys are the reference's table; the optional ones are what the tour program uses plus what an
 * operator running a fleet needs. Defaults and numeric constraints belong to lowering.
 */
public final class Schemas {

    private static final List<String> CAPABILITIES = Arrays.stream(Capability.values()).map(Capability::keyword).toList();
    /** All tiers, {@code none} included: naming it is well-formed, permitting it is a lowering error. */
    private static final List<String> SANDBOX_TIERS = Arrays.stream(SandboxTier.values()).map(SandboxTier::keyword).toList();

    static final BlockSchema PORTS = new BlockSchema("server.ports", "the node's listening ports, all mTLS-gated", List.of(
            req("control", INT, "cluster membership and the control plane"),
            req("data", INT, "fragment transfer (GET /chunk/{cid}, gRPC)"),
            opt("metrics", INT, "Prometheus metrics"),
            opt("hud", INT, "the HUD's REST and websocket API")));

    static final BlockSchema NEGOTIATOR = new BlockSchema("discovery.negotiator",
            "an optional tiny LLM that only re-ranks enumerated candidates; never on the critical path", List.of(
            req("task", STRING, "the one job it has, e.g. \"next-hop-path\""),
            oneOf("fallback", true, "what decides when the model is absent, late or wrong", "deterministic"),
            opt("model", STRING, "model id"),
            opt("output_schema", STRING, "the schema its output must validate against, else fallback"),
            opt("max_tokens", INT, "output token limit"),
            opt("timeout", DURATION, "after which the fallback decides")));

    static final BlockSchema CODEC = new BlockSchema("replicate.codec", "how each chunk is erasure-coded", List.of(
            oneOf("scheme", true, "Reed-Solomon or locally repairable code", "rs", "lrc"),
            opt("data", INT, "data fragments per stripe (k)"),
            opt("parity", INT, "rs: parity fragments per stripe (m)"),
            opt("local_groups", INT, "lrc: local groups, one XOR parity each"),
            opt("global_parity", INT, "lrc: global parity fragments")));

    static final BlockSchema CHUNKER = new BlockSchema("replicate.chunker", "how content is cut into chunks", List.of(
            oneOf("algorithm", true, "content-defined (fastcdc) or fixed-size chunks", "fastcdc", "fixed"),
            opt("min", SIZE, "smallest chunk"),
            opt("avg", SIZE, "average chunk (a power of two)"),
            opt("max", SIZE, "largest chunk")));

    static final BlockSchema REPAIR = new BlockSchema("replicate.repair", "the JHMM's repair and scrub tunables", List.of(
            opt("max_concurrent", INT, "stripes rebuilt at once per node"),
            opt("bandwidth", SIZE, "repair traffic cap per node, per second"),
            opt("scrub_interval", DURATION, "how often every stored fragment is re-hashed"),
            opt("delay", DURATION, "how long a node may be missing before its fragments are rebuilt")));

    static final BlockSchema GRANT_ENTRY = new BlockSchema("policy.grants entry",
            "what peers whose SPIFFE ID matches the entry's pattern may do", List.of(
            new KeySpec("caps", ValueKind.ENUM, true, true, CAPABILITIES, Optional.empty(), Optional.empty(),
                    "capabilities granted (the closed capability set)"),
            opt("signed_by", STRING, "the signer whose consent tokens authorise these capabilities"),
            optList("discover_scope", CIDR, "networks 'discover' may enumerate; discover is never unscoped"),
            opt("dual_control", BOOL, "destructive capabilities need two signatures by distinct keys"),
            optList("resources", STRING, "resource globs the grant is limited to")));

    static final BlockSchema CONSENT = new BlockSchema("deploy.consent", "the externally minted token authorising the rollout",
            List.of(
            req("grant_ref", GRANT, "a signed, single-use consent token"),
            req("scope", SYMBOL, "what is deployed to; must be covered by the token's resource glob")));

    private static final Map<BlockKind, BlockSchema> BLOCKS = new EnumMap<>(BlockKind.class);

    static {
        BLOCKS.put(BlockKind.SERVER, new BlockSchema("server", "governed control plane and kill switch", List.of(
                req("identity", IDENTITY, "this node's SPIFFE ID"),
                oneOf("transport", true, "quic primary; grpc over mTLS is the fallback", "quic", "grpc"),
                block("ports", true, PORTS, "listening ports"),
                reqList("seeds", HOST, "nodes to join through"),
                ref("trust", false, BlockKind.POLICY, "the policy block holding the trust root; required before any deploy"),
                ref("llm", false, BlockKind.DISCOVERY, "a discovery block whose negotiator may re-rank candidates"),
                opt("listen", HOST, "address to bind"),
                opt("advertise", HOST, "address peers should dial"),
                opt("data_dir", STRING, "where the node keeps its CAS and state"),
                opt("kill_switch", BOOL, "when true the node refuses deploys and repairs until cleared"),
                optList("allow_from", CIDR, "networks allowed to connect at all"))));
        BLOCKS.put(BlockKind.CLIENT, new BlockSchema("client", "the per-node micro-service", List.of(
                req("image", STRING, "content address \"sha256:<64 hex>\"; mutable tags are refused"),
                oneOf("sandbox", false, "isolation tier, at or above the policy floor", SANDBOX_TIERS.toArray(String[]::new)),
                optList("health", SYMBOL, "health hooks (dcgm.gpu_health …)"),
                oneOf("safepoint", false, "how a new version takes over", "cooperative", "reexec"),
                optList("args", STRING, "command-line arguments"),
                opt("env", MAP, "environment variables"),
                opt("memory", SIZE, "memory limit"),
                opt("gpus", COUNT, "accelerators per instance"))));
        BLOCKS.put(BlockKind.DISCOVERY, new BlockSchema("discovery", "gossip membership and mesh", List.of(
                oneOf("strategy", true, "how peers are found", "gossip", "static", "dns"),
                req("fanout", COUNT, "peers contacted per round"),
                block("negotiator", false, NEGOTIATOR, "optional re-ranking model"),
                opt("interval", DURATION, "time between rounds"),
                optList("scope", CIDR, "networks discovery may probe"),
                optList("peers", HOST, "static peers"))));
        BLOCKS.put(BlockKind.REPLICATE, new BlockSchema("replicate", "fault-domain placement, coding, chunking, repair", List.of(
                req("factor", COUNT, "full copies of manifests and small objects; at least 2"),
                reqList("anti_affinity", SYMBOL, "fault-domain kinds no two replicas may share"),
                opt("max_factor", COUNT, "ceiling for factor"),
                block("codec", false, CODEC, "erasure code"),
                block("chunker", false, CHUNKER, "chunking"),
                block("repair", false, REPAIR, "repair and scrub"))));
        BLOCKS.put(BlockKind.GUARD, new BlockSchema("guard", "the durability and integrity contract", List.of(
                req("durability", NINES, "annual durability design target, checked against the math"),
                req("mttr_restore", DURATION, "time to restore one lost node's fragments"),
                oneOf("integrity", true, "the hash every byte is checked against", "sha256"),
                opt("recovery_time", DURATION, "time to recover from a correlated domain loss"),
                opt("node_mtbf", DURATION, "audited mean time between node failures"),
                opt("domain_mtbf", DURATION, "audited mean time between whole-domain failures"),
                opt("error_budget", PERCENT, "allowed out-of-SLO time over budget_window; not a durability figure"),
                opt("budget_window", DURATION, "window of the error budget"),
                oneOf("on_violation", false, "what happens when the guard is breached", "quarantine", "alert", "drain",
                        "refuse"))));
        BLOCKS.put(BlockKind.POLICY, new BlockSchema("policy", "RBAC, trust anchor, sandbox floor", List.of(
                new KeySpec("grants", ValueKind.KEYED_BLOCKS, false, true, List.of(), Optional.empty(), Optional.of(GRANT_ENTRY),
                        "per SPIFFE ID pattern, what its holders may do"),
                opt("ca", SECRET, "the trust anchor's certificate authority"),
                oneOf("sandbox_floor", false, "the weakest sandbox any client may run in", SANDBOX_TIERS.toArray(String[]::new)))));
        BLOCKS.put(BlockKind.DEPLOY, new BlockSchema("deploy", "a rollout gated on a signed consent token", List.of(
                ref("client", true, BlockKind.CLIENT, "what is rolled out"),
                req("to", SYMBOL, "the pool it is rolled out to"),
                ref("server", true, BlockKind.SERVER, "the server that sequences it; must have trust"),
                block("consent", true, CONSENT, "the authorising token"),
                oneOf("strategy", false, "rollout shape", "canary", "rolling", "blue_green", "all_at_once"),
                optList("waves", PERCENT, "fraction of the pool per wave"),
                opt("bake", DURATION, "time each wave runs before the next"),
                new KeySpec("gates", ValueKind.REFERENCE, true, false, List.of(), Optional.of(BlockKind.METRIC), Optional.empty(),
                        "metric blocks whose breach rolls the wave back"),
                opt("max_unavailable", PERCENT, "share of the pool that may be switching at once"))));
        BLOCKS.put(BlockKind.METRIC, new BlockSchema("metric", "an SLO feeding the error budget", List.of(
                req("observe", SYMBOL, "the observable"),
                req("target", SCALAR, "the value it must meet"),
                req("window", DURATION, "the window it is measured over"),
                oneOf("objective", false, "whether the target is a ceiling or a floor", "at_most", "at_least"))));
        BLOCKS.put(BlockKind.PROFILE, new BlockSchema("profile", "hardware interconnect/latency model and health hooks", List.of(
                req("hardware", STRING, "\"h100\", \"tpu\" or \"trainium\""),
                opt("interconnect", STRING, "e.g. \"nvlink+ib\""),
                optList("health", SYMBOL, "telemetry sources (dcgm, nvml); never kernel-level"),
                opt("fanout", COUNT, "profile-scaled fanout"),
                opt("cache_size", SIZE, "off-heap, reclaimable cache"),
                opt("link_latency", DURATION, "expected one-way latency between nodes"),
                opt("checkpoint_interval", DURATION, "how often training state is checkpointed"))));
    }

    private Schemas() {
    }

    public static BlockSchema of(BlockKind kind) {
        return BLOCKS.get(kind);
    }

    /** Every nested schema, for docs and tests. */
    static List<BlockSchema> nested() {
        return List.of(PORTS, NEGOTIATOR, CODEC, CHUNKER, REPAIR, GRANT_ENTRY, CONSENT);
    }

    private static KeySpec req(String name, ValueKind kind, String doc) {
        return new KeySpec(name, kind, false, true, List.of(), Optional.empty(), Optional.empty(), doc);
    }

    private static KeySpec opt(String name, ValueKind kind, String doc) {
        return new KeySpec(name, kind, false, false, List.of(), Optional.empty(), Optional.empty(), doc);
    }

    private static KeySpec reqList(String name, ValueKind kind, String doc) {
        return new KeySpec(name, kind, true, true, List.of(), Optional.empty(), Optional.empty(), doc);
    }

    private static KeySpec optList(String name, ValueKind kind, String doc) {
        return new KeySpec(name, kind, true, false, List.of(), Optional.empty(), Optional.empty(), doc);
    }

    private static KeySpec oneOf(String name, boolean required, String doc, String... members) {
        return new KeySpec(name, ValueKind.ENUM, false, required, List.of(members), Optional.empty(), Optional.empty(), doc);
    }

    private static KeySpec ref(String name, boolean required, BlockKind target, String doc) {
        return new KeySpec(name, ValueKind.REFERENCE, false, required, List.of(), Optional.of(target), Optional.empty(), doc);
    }

    private static KeySpec block(String name, boolean required, BlockSchema nested, String doc) {
        return new KeySpec(name, ValueKind.BLOCK, false, required, List.of(), Optional.empty(), Optional.of(nested), doc);
    }
}
