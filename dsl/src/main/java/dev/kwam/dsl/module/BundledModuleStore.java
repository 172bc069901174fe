package dev.kwam.dsl.module;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The {@code std/…} modules shipped inside the jar, under {@code kwam/modules/}, each with its {@code .sig}. */
public final class BundledModuleStore implements ModuleStore {
    static final String ROOT = "kwam/modules/";
    private final ClassLoader loader;

    public BundledModuleStore() {
        this(BundledModuleStore.class.getClassLoader());
    }

    BundledModuleStore(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public Optional<Entry> find(ModulePath path) throws IOException {
        String name = ROOT + path + ".kwam";
        byte[] source = read(name);
        if (source == null) {
            return Optional.empty();
        }
        byte[] sig = read(name + ".sig");
        return Optional.of(new Entry(source,
                sig == null ? Optional.empty() : Optional.of(new String(sig, StandardCharsets.UTF_8)), "jar:" + name));
    }

    private byte[] read(String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
