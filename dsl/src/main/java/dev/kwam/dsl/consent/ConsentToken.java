package dev.kwam.dsl.consent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A signed consent token: its body and one or more signatures over that body, at most one per
 * key (a second signature by the same key would add no second person). Signatures are kept in the
 * order of their keys' text, which is the canonical order. Build one with {@link ConsentMint},
 * read one with {@link TokenCodec#decode}, judge one with {@link ConsentVerifier}.
 */
public record ConsentToken(TokenBody body, List<TokenSignature> signatures) {
    static final int MAX_SIGNATURES = 8;
    static final Comparator<TokenSignature> CANONICAL_ORDER = Comparator.comparing(s -> s.key().toString());

    public ConsentToken {
        Objects.requireNonNull(body, "body");
        if (signatures == null || signatures.isEmpty()) {
            throw new IllegalArgumentException("a token carries at least one signature");
        }
        if (signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a token carries at most " + MAX_SIGNATURES + " signatures, got "
                    + signatures.size());
        }
        HashSet<Object> keys = new HashSet<>();
        for (TokenSignature s : signatures) {
            if (!keys.add(s.key())) {
                throw new IllegalArgumentException("key " + s.key() + " signed twice; one key counts as one signature");
            }
        }
        signatures = signatures.stream().sorted(CANONICAL_ORDER).toList();
    }

    /** The id consensus records when the token is spent. */
    public String id() {
        return body.id();
    }

    /** This token with one more signature. */
    ConsentToken with(TokenSignature extra) {
        List<TokenSignature> all = new ArrayList<>(signatures);
        all.add(extra);
        return new ConsentToken(body, all);
    }

    /** For logs and assertion messages: what the token is, not its text (use {@link TokenCodec#encode} for that). */
    @Override
    public String toString() {
        return "ConsentToken[id=" + body.id() + ", signer=" + body.signer() + ", caps=" + body.capabilities()
                + ", resource=" + body.resource() + ", signatures=" + signatures.size() + "]";
    }
}
