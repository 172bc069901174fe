package dev.kwam.dsl.lower;

import dev.kwam.codec.Cid;
import dev.kwam.codec.durability.FleetShape;
import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.policy.FaultDomains;
import dev.kwam.dsl.policy.PolicyBlock;
import dev.kwam.dsl.policy.ReplicateBlock;
import dev.kwam.dsl.syntax.Block;
import dev.kwam.dsl.syntax.BlockKind;
import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Literal;
import dev.kwam.dsl.vocab.SandboxTier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The block-local rules of section 06 — images, sandboxes, replication factor — and the fault-domain maps. */
final class Rules {

    private final Lowering lowering;
    private final Diagnostics diagnostics;

    Rules(Lowering lowering) {
        this.lowering = lowering;
        this.diagnostics = lowering.diagnostics();
    }

    /**
     * Each profile's fault domains: the hoisted symbol named by its {@code hardware}
     * ({@code use fd.h100} for {@code hardware "h100"}), a map of {@code kinds}, {@code domains}, {@code pools}.
     */
    Map<String, FaultDomains> faultDomains() {
        Map<String, FaultDomains> out = new LinkedHashMap<>();
        for (Block b : lowering.all(BlockKind.PROFILE)) {
            LoweredBody body = lowering.lowered.get(b);
            Optional<String> hardware = body.string("hardware");
            if (hardware.isEmpty() || !lowering.hoisted().containsKey(hardware.get())) {
                continue;
            }
            Expr value = lowering.hoisted().get(hardware.get());
            Optional<FaultDomains> fd = parseFaultDomains(hardware.get(), value);
            if (fd.isEmpty()) {
                diagnostics.error(LoweringCode.NO_FLEET_SHAPE, body.spanOf("hardware"), "the hoisted '" + hardware.get()
                        + "' is not a fault-domain map (\"kinds\" [..], \"domains\" { \"rack\" N … }, \"pools\" [..])",
                        "use a fault-domain map such as std/faultdomains' " + hardware.get());
                continue;
            }
            out.put(b.name().text(), fd.get());
        }
        return out;
    }

    static Optional<FaultDomains> parseFaultDomains(String name, Expr value) {
        if (!(value instanceof Expr.MapExpr map)) {
            return Optional.empty();
        }
        List<String> kinds = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> pools = new ArrayList<>();
        String hardware = name;
        for (Expr.MapExpr.Entry e : map.entries()) {
            String key = e.key().value();
            if (key.equals("kinds") || key.equals("pools")) {
                if (!(e.value() instanceof Expr.ListExpr l)) {
                    return Optional.empty();
                }
                for (Expr x : l.elements()) {
                    Optional<String> w = LoweredBody.wordOf(x);
                    if (w.isEmpty()) {
                        return Optional.empty();
                    }
                    (key.equals("kinds") ? kinds : pools).add(w.get());
                }
            } else if (key.equals("domains")) {
                if (!(e.value() instanceof Expr.MapExpr d)) {
                    return Optional.empty();
                }
                for (Expr.MapExpr.Entry c : d.entries()) {
                    if (!(c.value() instanceof Literal.IntLit n) || n.value() < 1 || n.value() > Integer.MAX_VALUE) {
                        return Optional.empty();
                    }
                    counts.put(c.key().value(), (int) n.value());
                }
            } else if (key.equals("hardware") && e.value() instanceof Literal.StringLit s) {
                hardware = s.value();
            }
        }
        if (kinds.isEmpty() || !counts.keySet().containsAll(kinds)) {
            return Optional.empty();
        }
        return Optional.of(new FaultDomains("std/faultdomains " + name, hardware, kinds, new FleetShape(counts), pools));
    }

    /** {@code client.image} must be a content address: a tag can be moved to other bytes after review. */
    void images() {
        for (Block b : lowering.all(BlockKind.CLIENT)) {
            LoweredBody body = lowering.lowered.get(b);
            body.string("image").ifPresent(image -> {
                if (!Cid.isValid(image)) {
                    diagnostics.error(LoweringCode.MUTABLE_IMAGE, body.spanOf("image"), "'" + image + "' is not a content address; "
                            + "a tag or short digest can point at other bytes tomorrow", List.of("\"sha256:<64 lowercase hex>\""),
                            "pin the image by its full digest, e.g. image \"sha256:9f3a…\" (64 hex digits)");
                }
            });
        }
    }

    /** The strongest floor any policy block sets; {@link PolicyBlock#DEFAULT_SANDBOX_FLOOR} when none does. */
    SandboxTier floor() {
        SandboxTier floor = PolicyBlock.DEFAULT_SANDBOX_FLOOR;
        for (Block b : lowering.all(BlockKind.POLICY)) {
            Optional<SandboxTier> t = lowering.lowered.get(b).word("sandbox_floor").flatMap(SandboxTier::fromKeyword);
            if (t.isPresent() && t.get().compareTo(floor) > 0) {
                floor = t.get();
            }
        }
        return floor;
    }

    void sandboxes() {
        for (Block b : lowering.all(BlockKind.POLICY)) {
            LoweredBody body = lowering.lowered.get(b);
            if (body.word("sandbox_floor").filter("none"::equals).isPresent()) {
                diagnostics.error(LoweringCode.SANDBOX_NONE, body.spanOf("sandbox_floor"), "a sandbox floor of 'none' would permit "
                        + "un-sandboxed clients, which are never permitted", SandboxTier.BUBBLEWRAP.keyword() + ", "
                        + SandboxTier.GVISOR.keyword() + " or " + SandboxTier.MICROVM.keyword() + " are the sandboxed tiers");
            }
        }
        SandboxTier floor = floor();
        for (Block b : lowering.all(BlockKind.CLIENT)) {
            LoweredBody body = lowering.lowered.get(b);
            Optional<SandboxTier> tier = body.word("sandbox").flatMap(SandboxTier::fromKeyword);
            if (tier.isEmpty()) {
                continue;
            }
            if (!tier.get().permitted()) {
                diagnostics.error(LoweringCode.SANDBOX_NONE, body.spanOf("sandbox"), "client '" + b.name().text()
                        + "' asks to run un-sandboxed; 'none' is never permitted", "use sandbox " + floor.keyword()
                        + " (the policy floor) or stronger");
            } else if (!tier.get().atLeast(floor)) {
                diagnostics.error(LoweringCode.SANDBOX_BELOW_FLOOR, body.spanOf("sandbox"), "client '" + b.name().text()
                        + "' asks for sandbox '" + tier.get().keyword() + "', weaker than the policy's sandbox_floor '"
                        + floor.keyword() + "'", "use sandbox " + floor.keyword() + " or stronger");
            }
        }
    }

    /** factor in [2, max_factor]: one copy is no redundancy, and a huge factor is a typo or a cost accident. */
    void replication() {
        for (Block b : lowering.all(BlockKind.REPLICATE)) {
            LoweredBody body = lowering.lowered.get(b);
            OptionalLong factor = body.integer("factor");
            OptionalLong max = body.integer("max_factor");
            if (max.isPresent() && max.getAsLong() < 2) {
                diagnostics.error(LoweringCode.FACTOR_BELOW_MINIMUM, body.spanOf("max_factor"), "max_factor " + max.getAsLong()
                        + " leaves no factor that is at least 2", "set max_factor to 2 or more");
                continue;
            }
            long ceiling = max.orElse(ReplicateBlock.DEFAULT_MAX_FACTOR);
            if (factor.isEmpty()) {
                continue;
            }
            if (factor.getAsLong() < 2) {
                diagnostics.error(LoweringCode.FACTOR_BELOW_MINIMUM, body.spanOf("factor"), "factor " + factor.getAsLong()
                        + " keeps " + (factor.getAsLong() == 1 ? "a single copy" : "no copy") + "; one lost node loses the data",
                        "set factor to 2 or more (3 is usual)");
            } else if (factor.getAsLong() > ceiling) {
                diagnostics.error(LoweringCode.FACTOR_ABOVE_CEILING, body.spanOf("factor"), "factor " + factor.getAsLong()
                        + " is above its ceiling of " + ceiling + (max.isPresent() ? " (max_factor)" : " (the default max_factor)"),
                        "lower the factor, or raise the ceiling deliberately: max_factor " + factor.getAsLong());
            }
        }
    }

    /** Ranges the schema cannot express: ports, fanouts, chunk sizes in order. */
    void values() {
        for (Block b : lowering.all(BlockKind.SERVER)) {
            lowering.lowered.get(b).block("ports").ifPresent(ports -> {
                for (String key : List.of("control", "data", "metrics", "hud")) {
                    OptionalLong p = ports.integer(key);
                    if (p.isPresent() && (p.getAsLong() < 1 || p.getAsLong() > 65535)) {
                        diagnostics.error(LoweringCode.BAD_VALUE, ports.spanOf(key), "port " + p.getAsLong() + " is outside 1..65535",
                                "pick a port between 1 and 65535, e.g. 7400");
                    }
                }
            });
        }
        for (BlockKind kind : List.of(BlockKind.DISCOVERY, BlockKind.PROFILE)) {
            for (Block b : lowering.all(kind)) {
                LoweredBody body = lowering.lowered.get(b);
                OptionalLong f = body.integer("fanout");
                if (f.isPresent() && f.getAsLong() < 1) {
                    diagnostics.error(LoweringCode.BAD_VALUE, body.spanOf("fanout"), "a fanout of " + f.getAsLong()
                            + " contacts no peer", "use a fanout of at least 1, e.g. 8x");
                }
            }
        }
        for (Block b : lowering.all(BlockKind.REPLICATE)) {
            lowering.lowered.get(b).block("chunker").ifPresent(c -> {
                ReplicateBlock.Chunker d = ReplicateBlock.Chunker.DEFAULT;
                long min = c.size("min").orElse(d.minBytes());
                long avg = c.size("avg").orElse(d.avgBytes());
                long max = c.size("max").orElse(d.maxBytes());
                if (!(min > 0 && min <= avg && avg <= max)) {
                    diagnostics.error(LoweringCode.BAD_VALUE, c.syntax().span(), "chunk sizes must satisfy 0 < min <= avg <= max; got "
                            + min + " <= " + avg + " <= " + max + " bytes", "e.g. min 256kb, avg 1mb, max 4mb");
                } else if (Long.bitCount(avg) != 1) {
                    diagnostics.error(LoweringCode.BAD_VALUE, c.spanOf("avg"), "the average chunk size " + avg
                            + " bytes is not a power of two", "use 256kb, 512kb, 1mb, 2mb …");
                }
            });
        }
    }
}
