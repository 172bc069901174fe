package dev.kwam.dsl.consent;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.vocab.Capability;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a consent token says, and all that its signatures cover: who signs for it, which
 * capabilities on which resources, in which time window, and optionally the one artefact (a bundle,
 * an image) it is bound to. The token id makes each token single-use once consensus records it as
 * spent.
 *
 * @param version    the format version, {@value #VERSION}
 * @param id         128 random bits as 32 lowercase hex digits
 * @param signer     the organisation that must have signed, e.g. {@code acme-prod}
 * @param capabilities non-empty, distinct, kept in keyword order (the canonical order)
 * @param notBefore  epoch seconds from which the token is valid
 * @param expires    epoch seconds from which it no longer is; after {@code notBefore}, at most
 *                   {@link #MAX_LIFETIME} later
 * @param digest     the content id of what it authorizes, when it is bound to one
 */
public record TokenBody(int version, String id, String signer, List<Capability> capabilities, ResourceGlob resource,
                        long notBefore, long expires, Optional<Cid> digest) {
    static final int VERSION = 1;
    /** Consent is for an action about to happen; a month is already generous. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final Comparator<Capability> CANONICAL_ORDER = Comparator.comparing(Capability::keyword);

    public TokenBody {
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported token version " + version + " (this build reads version "
                    + VERSION + ")");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("token id must be 32 lowercase hex digits, got '" + id + "'");
        }
        SignerKey.requireName("signer", signer);
        if (capabilities == null || capabilities.isEmpty()) {
            throw new IllegalArgumentException("a token carries at least one capability");
        }
        capabilities = capabilities.stream().sorted(CANONICAL_ORDER).toList();
        if (capabilities.stream().distinct().count() != capabilities.size()) {
            throw new IllegalArgumentException("capability listed twice: " + capabilities);
        }
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(digest, "digest");
        if (notBefore < 0 || notBefore > CanonicalJson.MAX_INTEGER || expires > CanonicalJson.MAX_INTEGER) {
            throw new IllegalArgumentException("times are epoch seconds between 0 and 2^53 - 1");
        }
        if (expires <= notBefore) {
            throw new IllegalArgumentException("expires (" + expires + ") must be after not_before (" + notBefore + ")");
        }
        if (expires - notBefore > MAX_LIFETIME.toSeconds()) {
            throw new IllegalArgumentException("the token would be valid for " + Duration.ofSeconds(expires - notBefore)
                    .toDays() + " days; at most " + MAX_LIFETIME.toDays() + " are allowed");
        }
    }

    public Instant notBeforeInstant() {
        return Instant.ofEpochSecond(notBefore);
    }

    public Instant expiresInstant() {
        return Instant.ofEpochSecond(expires);
    }
}
