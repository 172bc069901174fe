package dev.kwam.node.authz;

import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.policy.PolicyBlock;
import dev.kwam.dsl.vocab.Capability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The policy's grants, enforced. Grants add up: a caller holds every capability of every grant whose pattern matches
 * it. Which capabilities a caller holds, and by which grant, is worked out once per SPIFFE ID and kept as a bit set
 * with the answers ready, so a call costs one map look-up and one AND and allocates nothing; the grants cannot change
 * while the node runs, so nothing ever invalidates an entry.
 */
public final class Grants implements Authorizer {
    /**
     * Only certificates of the fleet's CA reach the check, so the distinct callers are the issued identities; the
     * bound stops a CA that issues per-request identities from growing the map without end (it then starts over).
     */
    static final int MAX_CACHED_CALLERS = 4096;

    private final List<PolicyBlock.Grant> grants;
    private final String policies;
    private final ConcurrentHashMap<SpiffeId, Held> held = new ConcurrentHashMap<>();

    /** What one caller holds: capability bits by ordinal, and for each held capability the answer naming its grant. */
    private record Held(long bits, Decision.Allowed[] by) {
    }

    Grants(List<PolicyBlock> blocks) {
        List<PolicyBlock.Grant> all = new ArrayList<>();
        blocks.forEach(b -> all.addAll(b.grants()));
        this.grants = List.copyOf(all);
        this.policies = (blocks.size() == 1 ? "policy " : "policies ")
                + blocks.stream().map(b -> "'" + b.name() + "'").collect(Collectors.joining(", "));
    }

    @Override
    public Optional<List<PolicyBlock.Grant>> grants() {
        return Optional.of(grants);
    }

    static long bit(Capability capability) {
        return 1L << capability.ordinal();
    }

    @Override
    public Decision decide(SpiffeId caller, Requirement requirement) {
        Held h = heldBy(caller);
        long hit = h.bits() & requirement.mask();
        if (hit == 0) {
            return denied(caller, requirement);
        }
        return h.by()[Long.numberOfTrailingZeros(hit)];
    }

    @Override
    public Decision unidentified(Requirement requirement, String why) {
        return new Decision.Denied(requirement.call() + " needs " + capabilityWord(requirement) + " " + requirement.describe()
                + ", and the caller's SPIFFE ID could not be read (" + why + ")",
                "call the data port over mutual TLS with a certificate of the fleet's CA whose SPIFFE ID a grant of " + policies
                        + " matches");
    }

    @Override
    public Decision unlisted(String call) {
        String shown = call.length() > 100 ? call.substring(0, 100) + "..." : call;
        return new Decision.Denied(shown + " is not in the node's access table, so no grant of " + policies + " can allow it",
                "call one of the data port's methods (docs/security.md, Authorization, lists each with its capability)");
    }

    @Override
    public boolean holds(SpiffeId node, Capability capability) {
        return (heldBy(node).bits() & bit(capability)) != 0;
    }

    @Override
    public String summary() {
        return "grants (" + grants.size() + ") from " + policies;
    }

    @Override
    public String meaning() {
        return "every gRPC method and data-port route needs its capability from a grant whose pattern matches the "
                + "caller's SPIFFE ID (docs/security.md, Authorization); refusals are written to the audit log";
    }

    /** The capabilities every matching grant gives {@code caller}, worked out now: no cache. */
    public Set<Capability> grantedTo(SpiffeId caller) {
        long bits = match(caller).bits();
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        for (Capability c : Capability.values()) {
            if ((bits & bit(c)) != 0) {
                caps.add(c);
            }
        }
        return caps;
    }

    private Held heldBy(SpiffeId caller) {
        Held cached = held.get(caller);
        if (cached != null) {
            return cached;
        }
        Held h = match(caller);
        if (held.size() >= MAX_CACHED_CALLERS) {
            held.clear();
        }
        held.put(caller, h);
        return h;
    }

    /** Every grant tried in order; the first grant to give a capability is the one named for it. */
    private Held match(SpiffeId caller) {
        long bits = 0;
        Decision.Allowed[] by = new Decision.Allowed[Capability.values().length];
        for (PolicyBlock.Grant grant : grants) {
            if (grant.pattern().matches(caller)) {
                for (Capability c : grant.caps()) {
                    if ((bits & bit(c)) == 0) {
                        bits |= bit(c);
                        by[c.ordinal()] = new Decision.Allowed("grant \"" + grant.pattern() + "\" (" + c.keyword() + ") of " + policies);
                    }
                }
            }
        }
        return new Held(bits, by);
    }

    private Decision.Denied denied(SpiffeId caller, Requirement requirement) {
        Set<Capability> has = grantedTo(caller);
        String holds = has.isEmpty() ? "no grant matches it"
                : "it holds only " + has.stream().map(Capability::keyword).collect(Collectors.joining(", "));
        String first = EnumSet.copyOf(requirement.anyOf()).iterator().next().keyword();
        return new Decision.Denied(requirement.call() + " needs " + capabilityWord(requirement) + " " + requirement.describe()
                + ", which no grant of " + policies + " gives " + caller + " (" + holds + ")",
                "add a grant for \"" + caller + "\" (or a pattern matching it) holding caps [" + first
                        + "] to the grants of " + policies + ", then restart the node");
    }

    private static String capabilityWord(Requirement requirement) {
        return requirement.anyOf().size() == 1 ? "the capability" : "one of the capabilities";
    }
}
