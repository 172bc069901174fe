package dev.kwam.codec;

import dev.kwam.codec.fragment.Fragment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Fragments as files in one directory, each named exactly by its cid ({@code sha256:<64hex>}). A
 * write goes to a temp file, is fsynced, then renamed into place, so a crash never leaves a
 * half-written fragment under a real name; {@link #flush()} fsyncs the directory so the renames last.
 */
public final class DirectoryFragmentStore implements FragmentSink, FragmentSource {
    private static final String TEMP_SUFFIX = ".part";
    private final Path dir;

    public DirectoryFragmentStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /** The file that holds {@code cid}. */
    public Path pathOf(Cid cid) {
        return dir.resolve(cid.toString());
    }

    @Override
    public void put(Fragment fragment) throws IOException {
        Path target = pathOf(fragment.cid());
        if (Files.exists(target)) {
            return; // content-addressed: same name, same bytes (readers verify regardless)
        }
        Path temp = dir.resolve(fragment.cid() + "." + Thread.currentThread().getId() + TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(ch);
            fragment.writeTo(out);
            out.flush();
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new IOException("cannot write fragment " + fragment.cid() + " to " + dir + ": " + e.getMessage(), e);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            if (!Files.exists(target)) {
                throw e;
            }
        }
    }

    @Override
    public Optional<byte[]> fetch(Cid fragmentCid) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(pathOf(fragmentCid)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Makes completed renames durable: fsync of the directory itself. */
    public void flush() throws IOException {
        fsyncDirectory(dir);
    }

    /** Makes the renames inside {@code dir} durable (POSIX: fsync of the directory itself). */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
