package dev.kwam.dsl.module;

import java.io.IOException;
import java.util.Optional;

/** Where module sources and their detached signatures come from. Stores are untrusted: the resolver checks everything. */
public interface ModuleStore {

    /** A module's source bytes and, if the store has one, its signature file's text. */
    record Entry(byte[] source, Optional<String> signature, String location) {
    }

    Optional<Entry> find(ModulePath path) throws IOException;
}
