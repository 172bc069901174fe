package dev.kwam.dsl.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The closed set of keys one block (or nested block) accepts, in documentation order. Data, not
 * code: the parser checks against it, lowering reads it again, docs/language.md lists it.
 */
public final class BlockSchema {
    private final String name;
    private final String purpose;
    private final List<KeySpec> keys;
    private final Map<String, KeySpec> byName = new LinkedHashMap<>();

    BlockSchema(String name, String purpose, List<KeySpec> keys) {
        this.name = name;
        this.purpose = purpose;
        this.keys = List.copyOf(keys);
        for (KeySpec k : keys) {
            if (byName.put(k.name(), k) != null) {
                throw new IllegalArgumentException(name + " declares '" + k.name() + "' twice");
            }
        }
    }

    /** {@code replicate}, or {@code replicate.codec} for a nested block. */
    public String name() {
        return name;
    }

    String purpose() {
        return purpose;
    }

    public List<KeySpec> keys() {
        return keys;
    }

    public Optional<KeySpec> key(String key) {
        return Optional.ofNullable(byName.get(key));
    }

    public List<String> keyNames() {
        return List.copyOf(byName.keySet());
    }

    public List<KeySpec> requiredKeys() {
        return keys.stream().filter(KeySpec::required).toList();
    }

    @Override
    public String toString() {
        return "BlockSchema[" + name + "]";
    }
}
