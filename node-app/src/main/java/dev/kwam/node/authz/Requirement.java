package dev.kwam.node.authz;

import dev.kwam.dsl.vocab.Capability;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a call needs: any <em>one</em> of its capabilities. A route that serves several roles (a GET of a fragment is
 * a read, a repair's fetch of a survivor, or a scrub) lists each, and a grant holding one of them is enough.
 * A class rather than a record so the capability bits are computed once, not on every call.
 */
public final class Requirement {
    private final String call;
    private final Set<Capability> anyOf;
    private final boolean audited;
    private final long mask;

    /**
     * @param call    the call as a person names it: {@code Protect}, {@code PUT /chunk}
     * @param anyOf   the capabilities, at least one
     * @param audited whether an allowed call is written to the audit log too (a refusal always is)
     */
    public Requirement(String call, Set<Capability> anyOf, boolean audited) {
        if (anyOf.isEmpty()) {
            throw new IllegalArgumentException(call + ": a requirement names at least one capability");
        }
        this.call = call;
        this.anyOf = Set.copyOf(EnumSet.copyOf(anyOf));
        this.audited = audited;
        long bits = 0;
        for (Capability c : anyOf) {
            bits |= Grants.bit(c);
        }
        this.mask = bits;
    }

    public String call() {
        return call;
    }

    public Set<Capability> anyOf() {
        return anyOf;
    }

    public boolean audited() {
        return audited;
    }

    long mask() {
        return mask;
    }

    /** The capabilities as the policy spells them, in the enum's order: {@code replicate or repair}. */
    public String describe() {
        return EnumSet.copyOf(anyOf).stream().map(Capability::keyword).collect(Collectors.joining(" or "));
    }

    @Override
    public String toString() {
        return call + " needs " + describe();
    }
}
