package dev.kwam.node.store;

import dev.kwam.codec.Cid;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where things live under a store's root. Every path the store touches is computed here, from a
 * {@link Cid} (never from caller-supplied text), so no name can escape the root.
 *
 * <pre>
 * root/store.lock                         held while a store has the directory open
 * root/fragments/ab/cd/abcd…(64 hex)      a stored fragment file, named by its cid's hex digest
 * root/quarantine/&lt;hex&gt;.&lt;when&gt;.&lt;n&gt;        a refused file, with &lt;name&gt;.why beside it
 * root/tmp/&lt;hex&gt;.&lt;n&gt;.part                  a write in progress; all removed at start-up
 * </pre>
 *
 * Two levels of 256-way fan-out (65,536 leaf directories) keep a leaf at about 150 entries at
 * 10^7 fragments, so a leaf's fsync, lookup and listing stay small; one level would put 39,000
 * entries in each directory. Leaves are created on first use, so small stores stay small.
 */
final class StoreLayout {
    static final String FRAGMENTS = "fragments";
    static final String QUARANTINE = "quarantine";
    static final String TMP = "tmp";
    static final String LOCK = "store.lock";
    static final String TEMP_SUFFIX = ".part";
    static final String SIDECAR_SUFFIX = ".why";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX2 = Pattern.compile("[0-9a-f]{2}");

    private final Path root;

    StoreLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path fragments() {
        return root.resolve(FRAGMENTS);
    }

    Path quarantine() {
        return root.resolve(QUARANTINE);
    }

    Path tmp() {
        return root.resolve(TMP);
    }

    Path lockFile() {
        return root.resolve(LOCK);
    }

    /** {@code fragments/ab/cd}: the leaf directory for {@code cid}. */
    Path leafOf(Cid cid) {
        String hex = cid.hex();
        return fragments().resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4));
    }

    Path fileOf(Cid cid) {
        return leafOf(cid).resolve(cid.hex());
    }

    /** The cid a file in the fragment tree stands for, if its name and place are those of a cid. */
    Optional<Cid> cidOf(Path file) {
        Path leaf = file.getParent();
        if (leaf == null || leaf.getParent() == null || !fragments().equals(leaf.getParent().getParent())) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        if (!HEX64.matcher(name).matches() || !name.startsWith(leaf.getParent().getFileName().toString())
                || !name.substring(2, 4).equals(leaf.getFileName().toString())) {
            return Optional.empty();
        }
        return Cid.tryParse(Cid.PREFIX + name);
    }

    static boolean isFanOutName(String name) {
        return HEX2.matcher(name).matches();
    }

    static boolean isSidecar(Path file) {
        return file.getFileName().toString().endsWith(SIDECAR_SUFFIX);
    }
}
