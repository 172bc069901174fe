package dev.kwam.dsl.syntax;

import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.syntax.Declarations.ApiVersion;
import dev.kwam.dsl.syntax.Declarations.Import;
import dev.kwam.dsl.syntax.Declarations.Let;
import dev.kwam.dsl.syntax.Declarations.Use;
import java.util.List;

/**
 * A well-formed program: every literal valid, every block and key in its closed schema, every
 * required key present. Only ever built for a file with no parse errors.
 */
public record Program(Span span, ApiVersion apiVersion, List<Import> imports, List<Use> uses, List<Let> lets,
                      List<Block> blocks) implements Node {

    public Program {
        imports = List.copyOf(imports);
        uses = List.copyOf(uses);
        lets = List.copyOf(lets);
        blocks = List.copyOf(blocks);
    }

    public List<Block> blocks(BlockKind kind) {
        return blocks.stream().filter(b -> b.kind() == kind).toList();
    }
}
