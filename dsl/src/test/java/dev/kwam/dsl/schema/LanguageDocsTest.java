package dev.kwam.dsl.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.diag.ParseCode;
import dev.kwam.dsl.syntax.BlockKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/language.md stays true to the schemas and the error codes: every key and every code is listed. */
class LanguageDocsTest {

    private static String docs() throws IOException {
        return Files.readString(Path.of(System.getProperty("user.dir")).resolve("../docs/language.md"));
    }

    @Test
    void everyKeyOfEverySchemaIsDocumented() throws IOException {
        String docs = docs();
        List<String> missing = new ArrayList<>();
        List<BlockSchema> all = new ArrayList<>(Schemas.nested());
        for (BlockKind k : BlockKind.values()) {
            all.add(Schemas.of(k));
        }
        for (BlockSchema s : all) {
            for (KeySpec k : s.keys()) {
                String row = "| `" + k.name() + "` | ";
                if (!docs.contains("`" + s.name() + "`") || !docs.contains(row)) {
                    missing.add(s.name() + "." + k.name());
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyParseCodeHasARowWithAnExample() throws IOException {
        String docs = docs();
        for (ParseCode c : ParseCode.values()) {
            assertTrue(docs.contains("| " + c.id() + " | "), c.id() + " is not in docs/language.md");
        }
    }

    @Test
    void requiredKeysAreTheReferencesTable() {
        assertEquals(List.of("identity", "transport", "ports", "seeds"), required(BlockKind.SERVER));
        assertEquals(List.of("image"), required(BlockKind.CLIENT));
        assertEquals(List.of("strategy", "fanout"), required(BlockKind.DISCOVERY));
        assertEquals(List.of("factor", "anti_affinity"), required(BlockKind.REPLICATE));
        assertEquals(List.of("durability", "mttr_restore", "integrity"), required(BlockKind.GUARD));
        assertEquals(List.of("grants"), required(BlockKind.POLICY));
        assertEquals(List.of("client", "to", "server", "consent"), required(BlockKind.DEPLOY));
        assertEquals(List.of("observe", "target", "window"), required(BlockKind.METRIC));
        assertEquals(List.of("hardware"), required(BlockKind.PROFILE));
    }

    private static List<String> required(BlockKind kind) {
        return Schemas.of(kind).requiredKeys().stream().map(KeySpec::name).toList();
    }
}
