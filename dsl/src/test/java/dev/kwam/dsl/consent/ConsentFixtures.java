package dev.kwam.dsl.consent;

import dev.kwam.codec.Cid;
import dev.kwam.codec.sign.PublicKey;
import dev.kwam.dsl.vocab.Capability;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Keys and tokens shared by the consent tests. Keys are generated once per test JVM (Ed25519 key
 * generation is the slow part); the clock is fixed so every time in a test is visible in it.
 */
final class ConsentFixtures {
    static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String ACME = "acme-prod";

    static final MintingKey ALICE = MintingKey.generate(ACME, "alice");
    static final MintingKey BOB = MintingKey.generate(ACME, "bob");
    static final MintingKey MALLORY = MintingKey.generate("evil-corp", "mallory");
    /** Knows alice and bob of acme-prod and mallory of evil-corp. */
    static final Keyring KEYRING = Keyring.of(List.of(ALICE.identity(), BOB.identity(), MALLORY.identity()));

    /** RFC 8032 section 7.1, test 1: a key whose every signature is known in advance. */
    static final byte[] RFC8032_SEED = HexFormat.of().parseHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    static final PublicKey RFC8032_PUBLIC = PublicKey.parse(
            "ed25519:d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    private ConsentFixtures() {
    }

    static MintingKey rfc8032Key(String signer, String id) {
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + HexFormat.of().formatHex(RFC8032_SEED));
        return MintingKey.fromPkcs8(new SignerKey(signer, id, RFC8032_PUBLIC), pkcs8);
    }

    /** A one-hour token for deploy and quarantine on {@code fleet.h100_pool*}, signed by {@code key}. */
    static ConsentToken deployToken(MintingKey key) {
        return ConsentMint.mint(key, List.of(Capability.DEPLOY, Capability.QUARANTINE),
                ResourceGlob.parse("fleet.h100_pool*"), Duration.ofHours(1), Optional.empty(), CLOCK);
    }

    static ConsentToken cosigned(ConsentToken token, MintingKey key) {
        try {
            return ConsentMint.cosign(token, key, CLOCK);
        } catch (CosignRefusedException e) {
            throw new AssertionError(e);
        }
    }

    /** The canonical JSON inside a token. */
    static String json(ConsentToken token) {
        String text = TokenCodec.encode(token);
        return new String(Base64.getUrlDecoder().decode(text.substring(TokenCodec.SCHEME.length())),
                StandardCharsets.UTF_8);
    }

    /** A token text around arbitrary JSON, for feeding the decoder what no minter would write. */
    static String wrap(String json) {
        return wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    static String wrap(byte[] json) {
        return TokenCodec.SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    static ConsentRequest deployRequest(boolean dualControl) {
        return new ConsentRequest(ACME, Capability.DEPLOY, ResourceName.parse("fleet.h100_pool"), dualControl,
                Optional.empty());
    }

    static Cid digestOf(String s) {
        return Cid.of(s.getBytes(StandardCharsets.UTF_8));
    }
}
