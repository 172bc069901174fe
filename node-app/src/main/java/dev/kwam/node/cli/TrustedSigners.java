package dev.kwam.node.cli;

import dev.kwam.codec.TrustedKeys;
import dev.kwam.codec.sign.KeyFiles;
import dev.kwam.codec.sign.PublicKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns {@code --trust} arguments (a .pub file, a key directory, or ed25519:<hex>) into the SDK's trust set. */
final class TrustedSigners {

    private TrustedSigners() {
    }

    /** {@link TrustedKeys#unchecked()} when no {@code --trust} was given: the caller must then say so out loud. */
    static TrustedKeys read(List<String> args) throws CliException {
        if (args.isEmpty()) {
            return TrustedKeys.unchecked();
        }
        List<PublicKey> keys = new ArrayList<>();
        for (String arg : args) {
            keys.add(readOne(arg));
        }
        return TrustedKeys.of(keys);
    }

    private static PublicKey readOne(String arg) throws CliException {
        try {
            return KeyFiles.readPublicKey(Path.of(arg));
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(CliError.usage("cannot read the --trust key", arg, e.getMessage(),
                    "pass a kwam.pub file, the key directory kwam keygen wrote, or the text ed25519:<64 hex> "
                            + "that kwam keygen printed"), e);
        }
    }
}
