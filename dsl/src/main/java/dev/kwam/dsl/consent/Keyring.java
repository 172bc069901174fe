package dev.kwam.dsl.consent;

import dev.kwam.codec.sign.PublicKey;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public keys an operator accepts consent from: a directory of {@code ID.pub} files, each
 * naming the signer it speaks for. Only a keyring ties a key to a signer; a token's own claims
 * never do. Files other than {@code *.pub} are ignored; every {@code .pub} file must be valid, so a
 * damaged keyring fails loudly rather than silently shrinking.
 */
public final class Keyring {
    /** More than anyone should manage by hand; the bound keeps a wrong --keyring (say, /) cheap to refuse. */
    static final int MAX_KEYS = 1024;

    private final List<SignerKey> keys;
    private final Map<PublicKey, SignerKey> byKey;
    private final Map<PublicKey, SignerKey> revoked;
    private final Map<String, String> persons;
    private final Map<PublicKey, Withheld> withheld;

    /**
     * A current key that may not consent to what is being checked (a fleet's trust roots do not give it the action's
     * capability): its signature is refused with {@code why}, as KW-L214, not as an unknown key.
     */
    public record Withheld(SignerKey key, String why) {
    }

    private Keyring(List<SignerKey> keys) {
        this(keys, List.of(), List.of(), Map.of());
    }

    private Keyring(List<SignerKey> keys, Collection<SignerKey> revoked, Collection<Withheld> withheld, Map<String, String> persons) {
        this.keys = List.copyOf(keys);
        this.withheld = new HashMap<>();
        for (Withheld w : withheld) {
            this.withheld.put(w.key().key(), w);
        }
        this.persons = Map.copyOf(persons);
        this.revoked = new HashMap<>();
        for (SignerKey k : revoked) {
            this.revoked.put(k.key(), k);
        }
        this.byKey = new HashMap<>();
        Map<String, SignerKey> byId = new HashMap<>();
        for (SignerKey k : this.keys) {
            SignerKey sameId = byId.put(k.id(), k);
            if (sameId != null) {
                throw new IllegalArgumentException("key id '" + k.id() + "' appears twice in the keyring");
            }
            SignerKey sameKey = byKey.put(k.key(), k);
            if (sameKey != null) {
                throw new IllegalArgumentException("key " + k.key() + " appears twice in the keyring, as '" + sameKey.id()
                        + "' and '" + k.id() + "'");
            }
        }
    }

    /** A keyring that knows no key: every signature checked against it is unattributed. */
    public static Keyring empty() {
        return new Keyring(List.of());
    }

    public static Keyring of(Collection<SignerKey> keys) {
        return new Keyring(new ArrayList<>(keys));
    }

    /**
     * A keyring as a fleet's trust roots hold it: the current keys, the revoked ones (whose signatures
     * are refused as revoked rather than as unknown) and the person each key id belongs to (a key id
     * not listed is its own person). Dual control counts people, so two keys of one person count once.
     */
    public static Keyring of(Collection<SignerKey> current, Collection<SignerKey> revoked, Map<String, String> personByKeyId) {
        return of(current, revoked, List.of(), personByKeyId);
    }

    /** As above, with the current keys {@code withheld} from this check and why (refused as KW-L214, not KW-L203). */
    public static Keyring of(Collection<SignerKey> current, Collection<SignerKey> revoked, Collection<Withheld> withheld,
            Map<String, String> personByKeyId) {
        Keyring ring = new Keyring(new ArrayList<>(current), revoked, withheld, personByKeyId);
        for (SignerKey k : revoked) {
            if (ring.byKey.containsKey(k.key())) {
                throw new IllegalArgumentException("key " + k.id() + " is listed both as current and as revoked");
            }
        }
        for (Withheld w : withheld) {
            if (ring.byKey.containsKey(w.key().key()) || ring.revoked.containsKey(w.key().key())) {
                throw new IllegalArgumentException("key " + w.key().id() + " is listed as withheld and as current or revoked");
            }
        }
        return ring;
    }

    /**
     * Loads every {@code *.pub} file of {@code dir}. Each file's {@code id} must equal its file name
     * (so {@code alice.pub} holds {@code id: alice}, and ids are unique by construction), and no key
     * may appear under two ids.
     */
    public static Keyring load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new KeyFileException(dir, Files.exists(dir) ? "a keyring is a directory of .pub files, not a file"
                    : "no such keyring directory");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*" + ConsentKeyFiles.PUBLIC_SUFFIX)) {
            for (Path f : listing) {
                files.add(f);
                if (files.size() > MAX_KEYS) {
                    throw new KeyFileException(dir, "more than " + MAX_KEYS + " .pub files; is this the keyring directory?");
                }
            }
        }
        if (files.isEmpty()) {
            throw new KeyFileException(dir, "no .pub files: a keyring with no keys accepts nothing (copy the signers' "
                    + "ID.pub files written by kwam consent keygen into it)");
        }
        files.sort(Comparator.comparing(Path::toString));
        List<SignerKey> keys = new ArrayList<>();
        Map<PublicKey, Path> seen = new HashMap<>();
        for (Path f : files) {
            SignerKey k = ConsentKeyFiles.readPublic(f);
            String stem = f.getFileName().toString();
            stem = stem.substring(0, stem.length() - ConsentKeyFiles.PUBLIC_SUFFIX.length());
            if (!stem.equals(k.id())) {
                throw new KeyFileException(f, "holds key id '" + k.id() + "' but is named " + f.getFileName()
                        + "; rename it to " + k.id() + ConsentKeyFiles.PUBLIC_SUFFIX + " (a keyring file is named for its key id)");
            }
            Path earlier = seen.put(k.key(), f);
            if (earlier != null) {
                throw new KeyFileException(f, "the same key " + k.key() + " is also in " + earlier.getFileName()
                        + "; one key must have one identity, remove one of the files");
            }
            keys.add(k);
        }
        return new Keyring(keys);
    }

    Optional<SignerKey> find(PublicKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    Optional<SignerKey> findRevoked(PublicKey key) {
        return Optional.ofNullable(revoked.get(key));
    }

    Optional<Withheld> findWithheld(PublicKey key) {
        return Optional.ofNullable(withheld.get(key));
    }

    String personOf(SignerKey key) {
        return persons.getOrDefault(key.id(), key.id());
    }

    /** The current keys, in the order loaded (by file name for {@link #load}). */
    public List<SignerKey> keys() {
        return keys;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }
}
