package dev.kwam.dsl.module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An operator's module directory: {@code ROOT/<path>.kwam} with {@code ROOT/<path>.kwam.sig}. A file
 * whose real location (after symbolic links) is outside the root is treated as absent.
 */
public final class DirectoryModuleStore implements ModuleStore {
    private final Path root;

    public DirectoryModuleStore(Path root) {
        this.root = root;
    }

    @Override
    public Optional<Entry> find(ModulePath path) throws IOException {
        Path file = root.resolve(path + ".kwam");
        if (!Files.isRegularFile(file) || !inside(file)) {
            return Optional.empty();
        }
        Path sig = root.resolve(path + ".kwam.sig");
        Optional<String> signature = Files.isRegularFile(sig) && inside(sig) ? Optional.of(Files.readString(sig))
                : Optional.empty();
        return Optional.of(new Entry(Files.readAllBytes(file), signature, file.toString()));
    }

    private boolean inside(Path file) throws IOException {
        try {
            return file.toRealPath().startsWith(root.toRealPath());
        } catch (NoSuchFileException gone) {
            return false;
        }
    }
}
