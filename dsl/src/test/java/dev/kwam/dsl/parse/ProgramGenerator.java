package dev.kwam.dsl.parse;

import dev.kwam.dsl.schema.BlockSchema;
import dev.kwam.dsl.schema.KeySpec;
import dev.kwam.dsl.schema.Schemas;
import dev.kwam.dsl.schema.ValueKind;
import dev.kwam.dsl.syntax.BlockKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes random well-formed programs straight from the schemas: every block kind, random subsets
 * of optional keys, every value kind (with interpolations and ternaries mixed in), and untidy
 * layout (odd spacing, tabs, blank lines, comments) for the formatter to clean up.
 */
final class ProgramGenerator {
    private final Random random;
    private final StringBuilder out = new StringBuilder();
    private int names;

    private ProgramGenerator(long seed) {
        this.random = new Random(seed);
    }

    static String program(long seed) {
        return new ProgramGenerator(seed).write();
    }

    private String write() {
        blank();
        line(0, "apiVersion \"kwam.dev/v0.2\"");
        if (random.nextBoolean()) {
            line(0, "import \"std/faultdomains\" as fd" + (random.nextBoolean() ? " digest \"sha256:" + "ab".repeat(32) + "\"" : ""));
            line(0, "use fd.h100");
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            line(0, "let v" + (names++) + " " + pad() + "=" + pad() + value(ValueKind.values()[random.nextInt(18)], false, 1));
        }
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            BlockKind kind = BlockKind.values()[random.nextInt(BlockKind.values().length)];
            line(0, kind.keyword() + " b" + (names++) + pad() + "{");
            body(Schemas.of(kind), 1);
            line(0, "}");
        }
        return out.toString();
    }

    private void body(BlockSchema schema, int depth) {
        for (KeySpec k : schema.keys()) {
            if (!k.required() && random.nextInt(3) == 0) {
                continue;
            }
            blank();
            if (k.kind() == ValueKind.BLOCK) {
                line(depth, k.name() + pad() + "{");
                body(k.nested().orElseThrow(), depth + 1);
                line(depth, "}");
            } else if (k.kind() == ValueKind.KEYED_BLOCKS) {
                line(depth, k.name() + pad() + "{");
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    line(depth + 1, "\"spiffe://kwam/acme/" + (random.nextBoolean() ? "*" : "cl-" + i) + "/seed" + i + "\"" + pad() + "{");
                    body(k.nested().orElseThrow(), depth + 2);
                    line(depth + 1, "}");
                }
                line(depth, "}");
            } else {
                line(depth, k.name() + pad() + typed(k, depth + 1));
            }
        }
    }

    private String typed(KeySpec k, int depth) {
        if (random.nextInt(10) == 0) {
            return "${v" + random.nextInt(5) + "}";
        }
        if (k.list()) {
            List<String> items = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                items.add(one(k, depth + 1));
            }
            return "[" + String.join("," + pad(), items) + "]";
        }
        if (random.nextInt(12) == 0) {
            return "${v0} >= 3 ? " + one(k, depth) + " : " + one(k, depth);
        }
        return one(k, depth);
    }

    private String one(KeySpec k, int depth) {
        if (k.kind() == ValueKind.ENUM) {
            return k.members().get(random.nextInt(k.members().size()));
        }
        return value(k.kind(), true, depth);
    }

    private String value(ValueKind kind, boolean typed, int depth) {
        switch (kind) {
            case STRING:
                return pick("\"h100\"", "\"nvlink+ib\"", "\"a \\\"quoted\\\" \\u00e9 \\${x}\"", "\"sha256:" + "0f".repeat(32) + "\"");
            case INT:
                return pick("0", "7400", "1_000_000");
            case NUMBER:
                return pick("0.5", "3");
            case COUNT:
                return pick("3", "8x");
            case BOOL:
                return pick("true", "false", "${v1} == 2");
            case DURATION:
                return pick("250ms", "5s", "30m", "4h", "30d");
            case SIZE:
                return pick("512b", "4kb", "64mb", "2gb");
            case PERCENT:
                return pick("99.9999percent", "0.1%", "100%");
            case NINES:
                return pick("6nines", "9nines");
            case SCALAR:
                return pick("0", "250ms", "99.9%", "8x");
            case CIDR:
                return pick("10.40.0.0/16", "fd00::/8", "0.0.0.0/0");
            case HOST:
                return pick("kwam-seed.internal", "seed.internal:7400", "10.0.0.7", "localhost", "\"seed-2\"");
            case IDENTITY:
            case IDENTITY_PATTERN:
                return pick("spiffe://kwam/acme/cl-7/az1/pod0/n0000/seed", "spiffe://example.org");
            case SECRET:
                return "secret://vault/kwam/mtls-ca";
            case GRANT:
                return "grant://eyJ2IjoxfQ.c2ln-_";
            case SYMBOL:
                return pick("rack", "fleet.h100_pool", "dcgm.gpu_health");
            case REFERENCE:
                return pick("trust_root", "seed", "b1");
            case MAP:
                if (depth > 6) {
                    return "{}";
                }
                return random.nextBoolean() ? "{ \"a\" 1," + pad() + "\"b\" [x, y] }"
                        : "{\n" + indent(depth + 1) + "\"k\" " + value(ValueKind.DURATION, typed, depth + 1) + "\n" + indent(depth) + "}";
            default:
                return "7";
        }
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private String pad() {
        return pick(" ", " ", "  ", "\t");
    }

    private String indent(int depth) {
        return "  ".repeat(depth);
    }

    private void line(int depth, String code) {
        String indent = random.nextInt(5) == 0 ? pick("", " ", "\t", "      ") : indent(depth);
        out.append(indent).append(code);
        if (random.nextInt(6) == 0) {
            out.append(pad()).append("# note ").append(random.nextInt(100)).append(pick("", "   ", "\t"));
        }
        out.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
    }

    private void blank() {
        int n = random.nextInt(8) == 0 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < n; i++) {
            out.append(random.nextBoolean() ? "\n" : "# own-line comment\n");
        }
    }
}
