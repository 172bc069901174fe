package dev.kwam.dsl.module;

import dev.kwam.codec.sign.PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * KWAM's release keys: the public halves that sign the bundled {@code std} modules, listed one
 * {@code ed25519:…} per line in {@code kwam/modules/release-keys.txt}. The private halves are held
 * offline by the release engineer and are never in the repository or on a node.
 */
public final class ReleaseKeys {
    static final String RESOURCE = BundledModuleStore.ROOT + "release-keys.txt";

    private ReleaseKeys() {
    }

    public static List<PublicKey> bundled() {
        try (InputStream in = ReleaseKeys.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar: the build is broken");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static List<PublicKey> parse(String text) {
        List<PublicKey> keys = new ArrayList<>();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                keys.add(PublicKey.parse(t));
            }
        }
        return List.copyOf(keys);
    }
}
