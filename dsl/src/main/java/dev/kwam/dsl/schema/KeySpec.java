package dev.kwam.dsl.schema;

import dev.kwam.dsl.syntax.BlockKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of a closed block schema: its value kind, whether it is a list, whether it is required,
 * the closed member set of an {@link ValueKind#ENUM}, the block kind a {@link ValueKind#REFERENCE}
 * must name, and the nested schema of a {@link ValueKind#BLOCK} or {@link ValueKind#KEYED_BLOCKS}.
 */
public record KeySpec(String name, ValueKind kind, boolean list, boolean required, List<String> members,
                      Optional<BlockKind> target, Optional<BlockSchema> nested, String doc) {

    public KeySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        members = List.copyOf(members);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(nested, "nested");
        Objects.requireNonNull(doc, "doc");
        if ((kind == ValueKind.ENUM) == members.isEmpty()) {
            throw new IllegalArgumentException(name + ": an enum key needs members, and only an enum key has them");
        }
        if ((kind == ValueKind.BLOCK || kind == ValueKind.KEYED_BLOCKS) != nested.isPresent()) {
            throw new IllegalArgumentException(name + ": a block key needs a nested schema, and only a block key has one");
        }
        if ((kind == ValueKind.REFERENCE) != target.isPresent()) {
            throw new IllegalArgumentException(name + ": a reference key needs a target block kind, and only it has one");
        }
    }

    /** True for keys written {@code key { … }} rather than {@code key value}. */
    boolean isBlock() {
        return kind == ValueKind.BLOCK || kind == ValueKind.KEYED_BLOCKS;
    }

    /** A value that fits, for hints: {@code [discover]}, {@code { … }}, {@code 30m}. */
    public String example() {
        String one;
        if (kind == ValueKind.ENUM) {
            one = members.get(0);
        } else if (isBlock()) {
            return "{ … }";
        } else {
            one = kind.example();
        }
        return list ? "[" + one + "]" : one;
    }

    /** "a list, each a duration", "one of quic, grpc", "the name of a policy block". */
    public String describe() {
        String one;
        if (kind == ValueKind.ENUM) {
            one = "one of " + String.join(", ", members);
        } else if (kind == ValueKind.REFERENCE) {
            one = "the name of a " + target.orElseThrow().keyword() + " block";
        } else {
            one = kind.description();
        }
        return list ? "a list, each " + one : one;
    }
}
