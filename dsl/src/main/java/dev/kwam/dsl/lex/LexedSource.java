package dev.kwam.dsl.lex;

import dev.kwam.dsl.diag.SourceFile;
import java.util.List;

/**
 * A file cut into tokens. Comments are kept apart ({@code comments}, each a token spanning
 * {@code #} to the end of its line) so the parser never sees them and the formatter can put them back.
 * {@code tokens} always ends with one {@link TokenKind#EOF}.
 */
public record LexedSource(SourceFile source, List<Token> tokens, List<Token> comments) {

    public LexedSource {
        tokens = List.copyOf(tokens);
        comments = List.copyOf(comments);
    }

    public String text(Token t) {
        return source.text().substring(t.start(), t.end());
    }
}
