package dev.kwam.node.cli;

import dev.kwam.codec.DirectoryFragmentStore;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.codec.manifest.ManifestFormatException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Reading and durably writing {@code manifest.kwm}, with errors that say which file and what to do. */
final class ManifestFile {

    private ManifestFile() {
    }

    /** Reads and signature-checks a manifest; {@code path} may be the file or the directory holding it. */
    static Manifest read(Path path) throws CliException, IOException {
        Path file = Files.isDirectory(path) ? path.resolve(Manifest.FILE_NAME) : path;
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > Manifest.MAX_BYTES) {
                throw new CliException(CliError.checkFailed("refusing an oversized manifest", file.toString(),
                        "it has " + size + " bytes; no manifest is larger than " + Manifest.MAX_BYTES,
                        "pass the manifest.kwm that kwam protect wrote"));
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException(CliError.io("no manifest there", file.toString(), "the file does not exist",
                    "pass the manifest.kwm that kwam protect wrote, e.g. kwam verify DIR/manifest.kwm --from DIR"), e);
        }
        try {
            return Manifest.decode(bytes);
        } catch (ManifestFormatException e) {
            throw new CliException(CliError.checkFailed("the manifest does not verify", file.toString(), e.getMessage(),
                    "copy manifest.kwm again from where kwam protect wrote it; a manifest that fails its checks "
                            + "was damaged or altered and must not be used"), e);
        }
    }

    /**
     * Writes {@code dir/manifest.kwm} through a temp file, fsync and rename, then fsyncs the
     * directory: a crash leaves either no manifest or a whole one, never a torn one.
     */
    static Path write(Path dir, Manifest manifest) throws IOException {
        Path target = dir.resolve(Manifest.FILE_NAME);
        Path temp = dir.resolve(Manifest.FILE_NAME + ".part");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(manifest.encode()));
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        DirectoryFragmentStore.fsyncDirectory(dir);
        return target;
    }
}
