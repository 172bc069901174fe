package dev.kwam.dsl.consent;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.vocab.Capability;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Minting and co-signing, done offline by the people who hold the keys ({@code kwam consent mint}
 * and {@code cosign}); no node ever calls this.
 */
public final class ConsentMint {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsentMint() {
    }

    /**
     * A new token signed by {@code key}, for its signer, valid from now (whole seconds) for
     * {@code ttl}, with a fresh random 128-bit id.
     */
    public static ConsentToken mint(MintingKey key, Collection<Capability> capabilities, ResourceGlob resource,
                                    Duration ttl, Optional<Cid> digest, Clock clock) {
        if (ttl.isNegative() || ttl.isZero() || ttl.getNano() != 0) {
            throw new IllegalArgumentException("the time to live must be a positive whole number of seconds, got " + ttl);
        }
        if (ttl.compareTo(TokenBody.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("the time to live may be at most " + TokenBody.MAX_LIFETIME.toDays()
                    + " days, got " + ttl.toDays() + " days");
        }
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        long now = clock.instant().getEpochSecond();
        TokenBody body = new TokenBody(TokenBody.VERSION, HexFormat.of().formatHex(id), key.identity().signer(),
                new ArrayList<>(capabilities), resource, now, now + ttl.toSeconds(), digest);
        return new ConsentToken(body, List.of(sign(body, key)));
    }

    /**
     * {@code token} with one more signature, by {@code key}. Refuses a key that already signed, a
     * key of another signer, a token whose existing signatures do not verify (nobody should vouch
     * for altered text) and an expired token.
     */
    public static ConsentToken cosign(ConsentToken token, MintingKey key, Clock clock) throws CosignRefusedException {
        TokenBody body = token.body();
        SignerKey who = key.identity();
        if (!who.signer().equals(body.signer())) {
            throw new CosignRefusedException(CosignRefusedException.Reason.OTHER_SIGNER, "key '" + who.id()
                    + "' signs for '" + who.signer() + "', but the token is for signer '" + body.signer() + "'");
        }
        for (TokenSignature s : token.signatures()) {
            if (s.key().equals(who.key())) {
                throw new CosignRefusedException(CosignRefusedException.Reason.SAME_KEY, "key '" + who.id()
                        + "' (" + who.key() + ") already signed this token; dual control needs a second person's key");
            }
            if (!s.verifies(body)) {
                throw new CosignRefusedException(CosignRefusedException.Reason.EXISTING_SIGNATURE_BROKEN,
                        "the signature by " + s.key() + " does not verify: the token was altered after it was signed");
            }
        }
        if (clock.instant().getEpochSecond() >= body.expires()) {
            throw new CosignRefusedException(CosignRefusedException.Reason.EXPIRED, "the token expired at "
                    + body.expiresInstant() + "; mint a new one");
        }
        if (token.signatures().size() >= ConsentToken.MAX_SIGNATURES) {
            throw new CosignRefusedException(CosignRefusedException.Reason.TOO_MANY_SIGNATURES, "the token already has "
                    + ConsentToken.MAX_SIGNATURES + " signatures, the most a token may carry");
        }
        return token.with(sign(body, key));
    }

    static TokenSignature sign(TokenBody body, MintingKey key) {
        return new TokenSignature(key.identity().key(), key.sign(TokenCodec.signingMessage(body)));
    }
}
