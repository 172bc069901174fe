package dev.kwam.dsl.lower;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.identity.SpiffeIdPattern;
import dev.kwam.dsl.policy.Cidr;
import dev.kwam.dsl.policy.ClientBlock;
import dev.kwam.dsl.policy.DeployBlock;
import dev.kwam.dsl.policy.DiscoveryBlock;
import dev.kwam.dsl.policy.FaultDomains;
import dev.kwam.dsl.policy.GuardBlock;
import dev.kwam.dsl.policy.GuardMath;
import dev.kwam.dsl.policy.HostPort;
import dev.kwam.dsl.policy.MetricBlock;
import dev.kwam.dsl.policy.Policy;
import dev.kwam.dsl.policy.PolicyBlock;
import dev.kwam.dsl.policy.ProfileBlock;
import dev.kwam.dsl.policy.Provenance;
import dev.kwam.dsl.policy.ReplicateBlock;
import dev.kwam.dsl.policy.SecretRef;
import dev.kwam.dsl.policy.ServerBlock;
import dev.kwam.dsl.syntax.Block;
import dev.kwam.dsl.syntax.BlockKind;
import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Literal;
import dev.kwam.dsl.vocab.Capability;
import dev.kwam.dsl.vocab.SandboxTier;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Builds the typed records from lowered bodies. Runs only when lowering found no error, so every
 * required value is present and has its kind; defaults are the ones documented on each record.
 */
final class PolicyBuilder {

    private final Lowering lowering;
    private final Map<String, FaultDomains> faultDomains;
    private final Map<String, List<GuardMath>> math;
    private final Map<String, DeployBlock.Consent> consents;

    PolicyBuilder(Lowering lowering, Map<String, FaultDomains> faultDomains, Map<String, List<GuardMath>> math,
                  Map<String, DeployBlock.Consent> consents) {
        this.lowering = lowering;
        this.faultDomains = faultDomains;
        this.math = math;
        this.consents = consents;
    }

    Policy build(Provenance provenance) {
        SandboxTier floor = new Rules(lowering).floor();
        GuardCheck codecs = new GuardCheck(lowering, faultDomains);
        List<ServerBlock> servers = new ArrayList<>();
        List<ClientBlock> clients = new ArrayList<>();
        List<DiscoveryBlock> discoveries = new ArrayList<>();
        List<ReplicateBlock> replicates = new ArrayList<>();
        List<GuardBlock> guards = new ArrayList<>();
        List<PolicyBlock> policies = new ArrayList<>();
        List<DeployBlock> deploys = new ArrayList<>();
        List<MetricBlock> metrics = new ArrayList<>();
        List<ProfileBlock> profiles = new ArrayList<>();
        for (Block b : lowering.lowered.keySet()) {
            LoweredBody v = lowering.lowered.get(b);
            String name = b.name().text();
            switch (b.kind()) {
                case SERVER:
                    servers.add(server(name, v));
                    break;
                case CLIENT:
                    clients.add(new ClientBlock(name, Cid.parse(v.string("image").orElseThrow()),
                            v.word("sandbox").flatMap(SandboxTier::fromKeyword).orElse(floor), words(v.list("health")),
                            v.word("safepoint").map(s -> ClientBlock.Safepoint.valueOf(upper(s))).orElse(ClientBlock.Safepoint.COOPERATIVE),
                            strings(v.list("args")), env(v), v.size("memory"), toInt(v.integer("gpus"))));
                    break;
                case DISCOVERY:
                    discoveries.add(discovery(name, v));
                    break;
                case REPLICATE:
                    replicates.add(replicate(name, v, codecs));
                    break;
                case GUARD:
                    // A valid policy has math for every guard; the first entry is its first replicate's shape.
                    guards.add(guard(name, v, math.get(name).get(0)));
                    break;
                case POLICY:
                    policies.add(policy(name, v));
                    break;
                case DEPLOY:
                    deploys.add(deploy(name, v));
                    break;
                case METRIC:
                    metrics.add(new MetricBlock(name, v.word("observe").orElseThrow(), lowering.source().slice(v.get("target").orElseThrow().span()),
                            v.duration("window").orElseThrow(), v.word("objective").map(o -> MetricBlock.Objective.valueOf(upper(o)))
                            .orElse(MetricBlock.Objective.AT_MOST)));
                    break;
                default:
                    profiles.add(new ProfileBlock(name, v.string("hardware").orElseThrow(), v.string("interconnect"), words(v.list("health")),
                            toInt(v.integer("fanout")), v.size("cache_size"), v.duration("link_latency"),
                            v.duration("checkpoint_interval"), Optional.ofNullable(faultDomains.get(name))));
                    break;
            }
        }
        return new Policy(servers, clients, discoveries, replicates, guards, policies, deploys, metrics, profiles, provenance);
    }

    private ServerBlock server(String name, LoweredBody v) {
        LoweredBody ports = v.block("ports").orElseThrow();
        return new ServerBlock(name, SpiffeId.parse(((Literal.IdentityLit) v.get("identity").orElseThrow()).text()),
                ServerBlock.Transport.valueOf(upper(v.word("transport").orElseThrow())),
                new ServerBlock.Ports(toInt(ports.integer("control")).getAsInt(), toInt(ports.integer("data")).getAsInt(),
                        toInt(ports.integer("metrics")), toInt(ports.integer("hud"))),
                hosts(v.list("seeds")), v.word("trust"), v.word("llm"), v.get("listen").map(PolicyBuilder::host),
                v.get("advertise").map(PolicyBuilder::host), v.string("data_dir"), v.bool("kill_switch").orElse(false),
                cidrs(v.list("allow_from")));
    }

    private static DiscoveryBlock discovery(String name, LoweredBody v) {
        Optional<DiscoveryBlock.Negotiator> negotiator = v.block("negotiator").map(n -> new DiscoveryBlock.Negotiator(
                n.string("task").orElseThrow(), n.word("fallback").orElseThrow(), n.string("model"), n.string("output_schema"),
                toInt(n.integer("max_tokens")), n.duration("timeout").orElse(DiscoveryBlock.Negotiator.DEFAULT_TIMEOUT)));
        return new DiscoveryBlock(name, DiscoveryBlock.Strategy.valueOf(upper(v.word("strategy").orElseThrow())),
                toInt(v.integer("fanout")).getAsInt(), v.duration("interval").orElse(DiscoveryBlock.DEFAULT_INTERVAL),
                cidrs(v.list("scope")), hosts(v.list("peers")), negotiator);
    }

    private static ReplicateBlock replicate(String name, LoweredBody v, GuardCheck codecs) {
        ReplicateBlock.Chunker dc = ReplicateBlock.Chunker.DEFAULT;
        ReplicateBlock.Chunker chunker = v.block("chunker").map(c -> new ReplicateBlock.Chunker(c.word("algorithm").orElseThrow(),
                c.size("min").orElse(dc.minBytes()), c.size("avg").orElse(dc.avgBytes()), c.size("max").orElse(dc.maxBytes()))).orElse(dc);
        ReplicateBlock.Repair dr = ReplicateBlock.Repair.DEFAULT;
        ReplicateBlock.Repair repair = v.block("repair").map(r -> new ReplicateBlock.Repair(
                (int) r.integer("max_concurrent").orElse(dr.maxConcurrent()), r.size("bandwidth"),
                r.duration("scrub_interval").orElse(dr.scrubInterval()), r.duration("delay").orElse(dr.delay()))).orElse(dr);
        return new ReplicateBlock(name, (int) v.integer("factor").getAsLong(),
                (int) v.integer("max_factor").orElse(ReplicateBlock.DEFAULT_MAX_FACTOR), words(v.list("anti_affinity")),
                codecs.codec(v).orElseThrow(), chunker, repair);
    }

    private static GuardBlock guard(String name, LoweredBody v, GuardMath m) {
        return new GuardBlock(name, m.targetNines(), v.duration("mttr_restore").orElseThrow(), v.duration("recovery_time").orElseThrow(),
                v.duration("node_mtbf").orElseThrow(), v.duration("domain_mtbf").orElseThrow(), v.word("integrity").orElseThrow(),
                v.word("on_violation").map(o -> GuardBlock.OnViolation.valueOf(upper(o))).orElse(GuardBlock.OnViolation.QUARANTINE),
                v.percent("error_budget"), v.duration("budget_window"), m);
    }

    private static PolicyBlock policy(String name, LoweredBody v) {
        List<PolicyBlock.Grant> grants = new ArrayList<>();
        for (LoweredBody.Entry e : v.keyed().getOrDefault("grants", List.of())) {
            LoweredBody g = e.body();
            grants.add(new PolicyBlock.Grant(SpiffeIdPattern.parse(e.key().value()),
                    words(g.list("caps")).stream().map(c -> Capability.fromKeyword(c).orElseThrow()).collect(java.util.stream.Collectors.toSet()),
                    g.string("signed_by"), cidrs(g.list("discover_scope")), g.bool("dual_control").orElse(false), strings(g.list("resources"))));
        }
        return new PolicyBlock(name, v.get("ca").map(s -> new SecretRef(((Literal.SecretRef) s).text())),
                v.word("sandbox_floor").flatMap(SandboxTier::fromKeyword).orElse(PolicyBlock.DEFAULT_SANDBOX_FLOOR), grants);
    }

    private DeployBlock deploy(String name, LoweredBody v) {
        List<BigDecimal> waves = new ArrayList<>();
        for (Expr w : v.list("waves")) {
            waves.add(((Literal.PercentLit) w).value());
        }
        if (waves.isEmpty()) {
            waves.add(BigDecimal.valueOf(100));
        }
        return new DeployBlock(name, v.word("server").orElseThrow(), v.word("client").orElseThrow(), v.word("to").orElseThrow(),
                v.word("strategy").map(s -> DeployBlock.Strategy.valueOf(upper(s))).orElse(DeployBlock.Strategy.CANARY),
                waves, v.duration("bake").orElse(Duration.ZERO), words(v.list("gates")), v.percent("max_unavailable"),
                consents.get(name));
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    private static OptionalInt toInt(OptionalLong v) {
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    private static List<String> words(List<Expr> list) {
        return list.stream().map(e -> LoweredBody.wordOf(e).orElseThrow()).toList();
    }

    private static List<String> strings(List<Expr> list) {
        return list.stream().map(e -> ((Literal.StringLit) e).value()).toList();
    }

    private static List<Cidr> cidrs(List<Expr> list) {
        return list.stream().map(e -> (Literal.CidrLit) e).map(c -> new Cidr(c.version(), c.address(), c.prefix())).toList();
    }

    private static List<HostPort> hosts(List<Expr> list) {
        return list.stream().map(PolicyBuilder::host).toList();
    }

    private static HostPort host(Expr e) {
        if (e instanceof Literal.HostLit h) {
            return new HostPort(h.host(), h.port());
        }
        return new HostPort(LoweredBody.wordOf(e).orElseThrow(), OptionalInt.empty());
    }

    private Map<String, String> env(LoweredBody v) {
        Map<String, String> env = new LinkedHashMap<>();
        v.get("env").filter(Expr.MapExpr.class::isInstance).ifPresent(m -> {
            for (Expr.MapExpr.Entry e : ((Expr.MapExpr) m).entries()) {
                env.put(e.key().value(), e.value() instanceof Literal.StringLit s ? s.value() : lowering.source().slice(e.value().span()));
            }
        });
        return env;
    }
}
