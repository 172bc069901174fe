package dev.kwam.node.write;

import dev.kwam.codec.sign.KeyFiles;
import dev.kwam.codec.sign.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's own Ed25519 key for signing the manifests it writes, created on first start in
 * {@code <data>/manifest-key/} ({@code kwam.key} mode 0600, {@code kwam.pub}). Its public half is
 * published in the census's node directory, which is how every node decides whether to trust a
 * manifest: signed by a key some node of the cluster registered, or refused. Unlike consent keys,
 * this key must live on the node: the node signs what it wrote, unattended.
 */
public final class ManifestKey {
    public static final String DIRECTORY = "manifest-key";

    private ManifestKey() {
    }

    public static SigningKey loadOrCreate(Path data) throws IOException {
        Path dir = data.resolve(DIRECTORY);
        if (Files.exists(dir.resolve(KeyFiles.PRIVATE_FILE))) {
            return KeyFiles.readSigningKey(dir);
        }
        SigningKey key = SigningKey.generate();
        KeyFiles.write(key, dir);
        return key;
    }
}
