package dev.kwam.node.authz;

import static dev.kwam.dsl.vocab.Capability.CORDON;
import static dev.kwam.dsl.vocab.Capability.DEPLOY;
import static dev.kwam.dsl.vocab.Capability.DRAIN;
import static dev.kwam.dsl.vocab.Capability.QUARANTINE;
import static dev.kwam.dsl.vocab.Capability.READ;
import static dev.kwam.dsl.vocab.Capability.REPAIR;
import static dev.kwam.dsl.vocab.Capability.REPLICATE;
import static dev.kwam.dsl.vocab.Capability.SCRUB;
import static dev.kwam.dsl.vocab.Capability.TRUST;

import dev.kwam.dsl.vocab.Capability;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that says which capability each call on the data port needs (docs/security.md, "Authorization").
 * A call not listed here is refused whenever grants are enforced: a new RPC or route is unreachable until it has
 * an entry ({@code AccessTableTest} fails first). {@code audited} calls write an allowed decision to the audit log
 * too; the others, at data-path rates, write only their refusals.
 */
public final class AccessTable {
    /** The gRPC service's path prefix, {@code /kwam.v1.Kwam/}. */
    public static final String GRPC_PREFIX = "/kwam.v1.Kwam/";

    /** kwam.proto's methods, by name. */
    static final Map<String, Requirement> GRPC = Map.of(
            "Protect", needs("Protect", EnumSet.of(REPLICATE), false),
            "Recover", needs("Recover", EnumSet.of(READ), false),
            "Stat", needs("Stat", EnumSet.of(READ), false),
            "ListObjects", needs("ListObjects", EnumSet.of(READ), false),
            "ClusterStatus", needs("ClusterStatus", EnumSet.of(READ), false),
            "Repairs", needs("Repairs", EnumSet.of(READ), false),
            "Durability", needs("Durability", EnumSet.of(READ), false),
            // Audited by its own record (BudgetAudit), which carries the grant that allowed it.
            "AdjustRepairBudget", needs("AdjustRepairBudget", EnumSet.of(REPAIR), false));

    /** The administrative service's path prefix, {@code /kwam.v1.KwamAdmin/}. */
    public static final String ADMIN_PREFIX = "/kwam.v1.KwamAdmin/";

    /**
     * admin.proto's methods, by name. The changes also need a consent token, which the ConsentGate checks and audits
     * (refusal or spend) before the change: the grant here is only the first of two locks.
     */
    static final Map<String, Requirement> ADMIN = Map.ofEntries(
            Map.entry("SetPointer", needs("SetPointer", EnumSet.of(DEPLOY), false)),
            Map.entry("GetPointer", needs("GetPointer", EnumSet.of(READ), false)),
            Map.entry("ListTrust", needs("ListTrust", EnumSet.of(READ), false)),
            Map.entry("AddSigner", needs("AddSigner", EnumSet.of(TRUST), false)),
            Map.entry("RevokeSigner", needs("RevokeSigner", EnumSet.of(TRUST), false)),
            // Who did what, when: as sensitive as the objects' contents are to their readers.
            Map.entry("TailAudit", needs("TailAudit", EnumSet.of(READ), false)),
            // Audited by the admin service's own record, written before the mark changes.
            Map.entry("CordonNode", needs("CordonNode", EnumSet.of(CORDON), false)),
            Map.entry("UncordonNode", needs("UncordonNode", EnumSet.of(CORDON), false)),
            Map.entry("DrainNode", needs("DrainNode", EnumSet.of(DRAIN), false)),
            // Reading a drain's progress may end it (the mark turns drained): the census's word, not the caller's.
            Map.entry("DrainStatus", needs("DrainStatus", EnumSet.of(READ, DRAIN), false)),
            Map.entry("QuarantineFragment", needs("QuarantineFragment", EnumSet.of(QUARANTINE), false)));

    /** The HTTP routes, by method and first path segment. */
    static final Map<String, Requirement> ROUTES = Map.of(
            // A read's fetch, the JHMM's fetch of a survivor, and a scrub's comparison all GET a fragment.
            "GET /chunk", needs("GET /chunk", EnumSet.of(READ, REPAIR, SCRUB), false),
            "HEAD /chunk", needs("HEAD /chunk", EnumSet.of(READ, REPAIR, SCRUB), false),
            // A protect writes fragments; a repair writes the fragments it rebuilt.
            "PUT /chunk", needs("PUT /chunk", EnumSet.of(REPLICATE, REPAIR), false),
            // Only the JHMM deletes a copy (DeleteStep: a corrupt or crowded copy once its replacement is confirmed,
            // behind DeleteGuard's proof): a step of a repair, not the policy's `delete` of protected objects.
            "DELETE /chunk", needs("DELETE /chunk", EnumSet.of(REPAIR), true),
            // An operator's quarantine, passed on to each holder by the node that spent the token (kwam quarantine).
            "POST /quarantine", needs("POST /quarantine", EnumSet.of(SCRUB), true),
            "GET /manifest", needs("GET /manifest", EnumSet.of(READ), false),
            "PUT /manifest", needs("PUT /manifest", EnumSet.of(REPLICATE), false));

    private AccessTable() {
    }

    /** What {@code method path} needs, or empty when the table has no entry (refused under grants). */
    public static Optional<Requirement> of(String method, String path) {
        if (path.startsWith(GRPC_PREFIX)) {
            return Optional.ofNullable(GRPC.get(path.substring(GRPC_PREFIX.length())));
        }
        if (path.startsWith(ADMIN_PREFIX)) {
            return Optional.ofNullable(ADMIN.get(path.substring(ADMIN_PREFIX.length())));
        }
        int end = path.indexOf('/', 1);
        String first = end < 0 ? path : path.substring(0, end);
        return Optional.ofNullable(ROUTES.get(method + " " + first));
    }

    private static Requirement needs(String call, EnumSet<Capability> anyOf, boolean audited) {
        return new Requirement(call, anyOf, audited);
    }
}
