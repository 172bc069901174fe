package dev.kwam.dsl;

import dev.kwam.dsl.consent.ConsentMint;
import dev.kwam.dsl.consent.ConsentToken;
import dev.kwam.dsl.consent.CosignRefusedException;
import dev.kwam.dsl.consent.Keyring;
import dev.kwam.dsl.consent.MintingKey;
import dev.kwam.dsl.consent.ResourceGlob;
import dev.kwam.dsl.consent.TokenCodec;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.vocab.Capability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The guided tour's program with a freshly minted, dual-controlled token for acme-prod, and the
 * keyring that knows both signing keys. Keys are generated once per test JVM (the slow part).
 */
public final class TourFixtures {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    public static final MintingKey ALICE = MintingKey.generate("acme-prod", "alice");
    public static final MintingKey BOB = MintingKey.generate("acme-prod", "bob");
    public static final Keyring KEYRING = Keyring.of(List.of(ALICE.identity(), BOB.identity()));
    public static final CompileOptions OPTIONS = CompileOptions.standard().withKeyring(KEYRING).withClock(CLOCK);

    private TourFixtures() {
    }

    /** A deploy token for {@code fleet.h100_pool*}, signed by alice and co-signed by bob. */
    public static String token() {
        ConsentToken t = ConsentMint.mint(ALICE, List.of(Capability.DEPLOY), ResourceGlob.parse("fleet.h100_pool*"),
                Duration.ofHours(1), Optional.empty(), CLOCK);
        try {
            return TokenCodec.encode(ConsentMint.cosign(t, BOB, CLOCK));
        } catch (CosignRefusedException e) {
            throw new AssertionError(e);
        }
    }

    /** shared/examples/h100_dc.kwam (a copy in the test resources) with MINT_ME replaced by {@code token}. */
    public static String tour(String token) {
        try (InputStream in = TourFixtures.class.getResourceAsStream("/conformance/lower/tour_h100_dc.kwam.template")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("grant://MINT_ME", token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CompileResult compile(String text) {
        return PolicyCompiler.compile(SourceFile.of("h100_dc.kwam", text), OPTIONS);
    }
}
