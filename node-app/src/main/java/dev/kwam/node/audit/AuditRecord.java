package dev.kwam.node.audit;

import java.util.Objects;

/**
 * What one audit record says, before the log numbers, chains and signs it. Every field is text and
 * none is absent ({@code ""} when it does not apply), so the canonical line has one shape.
 *
 * @param kind     what sort of event: {@code gated-action}, {@code refusal}, {@code spend}, {@code trust-change},
 *                 {@code grant-decision}, {@code audit} (the log's own events)
 * @param actor    the caller's SPIFFE ID, from its verified certificate
 * @param action   what was asked for ({@code repair-budget.set}, {@code pointer.set}, …)
 * @param resource what it was asked of (a node, a channel, a cid)
 * @param decision {@code allowed}, {@code refused}, {@code spent}, …
 * @param reason   why, in the words the caller was told
 */
public record AuditRecord(String kind, String actor, String action, String resource, String decision, String reason) {

    public AuditRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        if (kind.isEmpty() || action.isEmpty()) {
            throw new IllegalArgumentException("an audit record needs a kind and an action");
        }
    }
}
