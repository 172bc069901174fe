package dev.kwam.node.audit;

import java.util.Optional;

/** What {@link AuditVerifier} found: the whole log intact, or the first line that is not. */
public sealed interface AuditVerdict permits AuditVerdict.Intact, AuditVerdict.Broken {

    /**
     * Every line parses, follows its predecessor and verifies, and the head seals a record in the chain.
     *
     * @param unsealed records after the one the head seals: a crash between an append's fsync and the
     *                 head's update leaves one; the next open of the log seals them
     */
    record Intact(long records, long firstSeq, long lastSeq, Optional<Head> head, long unsealed) implements AuditVerdict {
    }

    /**
     * @param line     the first broken line, 1-based; {@code 0} when the fault is in {@code audit.head} itself
     * @param intactBefore lines before it that verified
     * @param problem  a short name scripts can branch on ({@code bad-signature}, {@code prev-mismatch}, …)
     * @param reason   what is wrong, for a person
     */
    record Broken(long line, long intactBefore, String problem, String reason) implements AuditVerdict {
    }

    /** The seal in {@code audit.head}. */
    record Head(long seq, String hash) {
    }
}
