package dev.kwam.node.cli.e2e;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Test inputs and look-ups shared by the end-to-end tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** {@code size} bytes of seeded random content: the same seed always gives the same file. */
    static Path randomFile(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    static Cid sha256(Path file) throws IOException {
        MessageDigest sha = Cid.sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return Cid.ofDigest(sha.digest());
    }

    static Manifest manifest(Path fragmentDir) throws IOException {
        return Manifest.decode(Files.readAllBytes(fragmentDir.resolve(Manifest.FILE_NAME)));
    }

    /** The file holding fragment {@code index} of stripe {@code stripe}. */
    static Path fragmentFile(Path fragmentDir, Manifest manifest, int stripe, int index) {
        ChunkEntry chunk = manifest.chunks().get(stripe);
        return fragmentDir.resolve(chunk.fragments().get(index).toString());
    }

    static Cid fragmentCid(Manifest manifest, int stripe, int index) {
        return manifest.chunks().get(stripe).fragments().get(index);
    }

    /** Flips every bit of one payload byte (a fragment file is its header, then the payload). */
    static void flipPayloadByte(Path fragment, int payloadOffset) throws IOException {
        byte[] bytes = Files.readAllBytes(fragment);
        bytes[FragmentHeader.BYTES + payloadOffset] ^= (byte) 0xFF;
        Files.write(fragment, bytes);
    }

    static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
    }

    /** Names of everything in {@code dir}, for "nothing was left behind" assertions. */
    static java.util.List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
