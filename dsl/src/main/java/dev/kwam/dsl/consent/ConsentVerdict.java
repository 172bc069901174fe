package dev.kwam.dsl.consent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verifier's answer: every reason the token is refused (empty when it is accepted), the token
 * when it could be decoded, and the keyring keys whose signatures counted.
 *
 * <p>An accepted verdict is not yet permission to act: the token must also be spent, once, through
 * consensus ({@link #tokenId()} is what gets spent). Offline verification cannot see replays.
 */
public record ConsentVerdict(Optional<ConsentToken> token, List<Refusal> refusals, List<SignerKey> validSigners) {

    public ConsentVerdict {
        Objects.requireNonNull(token, "token");
        refusals = List.copyOf(refusals);
        validSigners = List.copyOf(validSigners);
    }

    /** No refusal, and at least one signature by a key of the required signer verified. */
    public boolean accepted() {
        return refusals.isEmpty() && !validSigners.isEmpty();
    }

    /** The id to spend through consensus; present whenever the token decoded, accepted or not (for the audit log). */
    public Optional<String> tokenId() {
        return token.map(ConsentToken::id);
    }

    public Set<RefusalCode> codes() {
        return refusals.stream().map(Refusal::code).collect(Collectors.toUnmodifiableSet());
    }
}
