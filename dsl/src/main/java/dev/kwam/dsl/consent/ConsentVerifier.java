package dev.kwam.dsl.consent;

import dev.kwam.codec.Cid;
import dev.kwam.codec.sign.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Offline verification of a consent token against what an action needs: pure (a keyring and a
 * clock in, a {@link ConsentVerdict} out), so lowering ({@code kwam check}) and, later, consensus
 * call the same code. It lists every reason for refusal rather than stopping at the first, and
 * accepts only what it could check: a signature counts only if it verifies, its key is in the
 * keyring and the keyring says that key speaks for the required signer.
 *
 * <p>What it cannot do: notice that a token was already used. Tokens are single-use; spending one
 * (recording its id) is consensus's job.
 */
public final class ConsentVerifier {
    /**
     * Tolerated difference between the minting laptop's clock and this machine's, on both ends of
     * the validity window.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Keyring keyring;
    private final Clock clock;

    public ConsentVerifier(Keyring keyring, Clock clock) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Decodes {@code tokenText} ({@code grant://…}) and verifies it; a malformed token is refused with KW-L201. */
    public ConsentVerdict verify(String tokenText, ConsentRequest request) {
        ConsentToken token;
        try {
            token = TokenCodec.decode(tokenText);
        } catch (MalformedTokenException e) {
            return new ConsentVerdict(Optional.empty(), List.of(new Refusal(RefusalCode.MALFORMED, e.getMessage())),
                    List.of());
        }
        return verify(token, request);
    }

    public ConsentVerdict verify(ConsentToken token, ConsentRequest request) {
        TokenBody body = token.body();
        List<Refusal> refusals = new ArrayList<>();
        if (!body.signer().equals(request.signer())) {
            refusals.add(new Refusal(RefusalCode.SIGNER_MISMATCH, "the token is for signer '" + body.signer()
                    + "'; the grant requires '" + request.signer() + "'"));
        }
        Map<PublicKey, SignerKey> valid = new LinkedHashMap<>();
        for (SignatureCheck check : SignatureCheck.all(token, keyring)) {
            PublicKey key = check.signature().key();
            if (!check.verifies()) {
                refusals.add(new Refusal(RefusalCode.BAD_SIGNATURE, "the signature by " + key + " does not verify"));
            }
            if (check.keyringEntry().isEmpty()) {
                refusals.add(keyring.findRevoked(key)
                        .map(gone -> new Refusal(RefusalCode.SIGNER_REVOKED, "key '" + gone.id() + "' of '" + gone.signer()
                                + "' was revoked; its signatures no longer count"))
                        .or(() -> keyring.findWithheld(key).map(w -> new Refusal(RefusalCode.CAPABILITY_NOT_GRANTED, w.why())))
                        .orElseGet(() -> new Refusal(RefusalCode.KEY_NOT_IN_KEYRING, "key " + key + " is not in the keyring")));
                continue;
            }
            SignerKey entry = check.keyringEntry().get();
            if (!entry.signer().equals(request.signer())) {
                refusals.add(new Refusal(RefusalCode.KEY_OF_OTHER_SIGNER, "key '" + entry.id() + "' speaks for signer '"
                        + entry.signer() + "', not '" + request.signer() + "'"));
            } else if (check.verifies()) {
                valid.put(key, entry); // keyed by the key itself: the same key can only ever count once
            }
        }
        long people = valid.values().stream().map(keyring::personOf).distinct().count();
        if (request.dualControl() && valid.size() < 2) {
            refusals.add(new Refusal(RefusalCode.DUAL_CONTROL_NOT_MET, "dual control needs valid signatures by 2 distinct "
                    + "keys of '" + request.signer() + "'; " + valid.size() + " found" + names(valid.values())));
        } else if (request.dualControl() && people < 2) {
            // Two keys, one person: nobody else approved, which is what dual control exists to require.
            refusals.add(new Refusal(RefusalCode.DUAL_CONTROL_NOT_MET, "dual control needs 2 distinct people; the keys"
                    + names(valid.values()) + " all belong to " + keyring.personOf(valid.values().iterator().next())));
        }
        checkWindow(body, refusals);
        if (!body.capabilities().contains(request.capability())) {
            refusals.add(new Refusal(RefusalCode.CAPABILITY_NOT_COVERED, "the action needs '"
                    + request.capability().keyword() + "'; the token carries " + body.capabilities().stream()
                    .map(c -> c.keyword()).toList()));
        }
        if (!body.resource().covers(request.scope())) {
            refusals.add(new Refusal(RefusalCode.SCOPE_OUTSIDE_GLOB, "scope '" + request.scope()
                    + "' is not covered by the token's resource glob '" + body.resource() + "'"));
        }
        checkDigest(body.digest(), request.digest(), refusals);
        return new ConsentVerdict(Optional.of(token), refusals, List.copyOf(valid.values()));
    }

    private void checkWindow(TokenBody body, List<Refusal> refusals) {
        Instant now = clock.instant();
        if (now.isBefore(body.notBeforeInstant().minus(CLOCK_SKEW))) {
            refusals.add(new Refusal(RefusalCode.NOT_YET_VALID, "valid from " + body.notBeforeInstant() + ", it is now "
                    + now + " (" + CLOCK_SKEW.toSeconds() + " s of clock skew allowed)"));
        }
        if (!now.isBefore(body.expiresInstant().plus(CLOCK_SKEW))) {
            refusals.add(new Refusal(RefusalCode.EXPIRED, "expired at " + body.expiresInstant() + ", it is now " + now
                    + " (" + CLOCK_SKEW.toSeconds() + " s of clock skew allowed)"));
        }
    }

    private static void checkDigest(Optional<Cid> bound, Optional<Cid> used, List<Refusal> refusals) {
        if (used.isPresent() && bound.isEmpty()) {
            refusals.add(new Refusal(RefusalCode.DIGEST_MISMATCH, "the action uses " + used.get()
                    + " and requires a token bound to it; this token names no digest"));
        } else if (bound.isPresent() && used.isEmpty()) {
            // A token bound to one artefact must not authorize an action whose artefact nobody checked.
            refusals.add(new Refusal(RefusalCode.DIGEST_MISMATCH, "the token is bound to " + bound.get()
                    + " but the action names no digest to compare it with"));
        } else if (bound.isPresent() && !bound.get().equals(used.get())) {
            refusals.add(new Refusal(RefusalCode.DIGEST_MISMATCH, "the token is bound to " + bound.get()
                    + "; the action uses " + used.get()));
        }
    }

    private static String names(Iterable<SignerKey> keys) {
        List<String> ids = new ArrayList<>();
        keys.forEach(k -> ids.add(k.id()));
        return ids.isEmpty() ? "" : " (" + String.join(", ", ids) + ")";
    }
}
