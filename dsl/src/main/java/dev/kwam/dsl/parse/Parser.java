package dev.kwam.dsl.parse;

import dev.kwam.dsl.diag.ParseCode;
import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.diag.Suggestions;
import dev.kwam.dsl.lex.Token;
import dev.kwam.dsl.lex.TokenKind;
import dev.kwam.dsl.schema.KindCheck;
import dev.kwam.dsl.schema.Schemas;
import dev.kwam.dsl.syntax.Block;
import dev.kwam.dsl.syntax.BlockKind;
import dev.kwam.dsl.syntax.Body;
import dev.kwam.dsl.syntax.Declarations.ApiVersion;
import dev.kwam.dsl.syntax.Declarations.Import;
import dev.kwam.dsl.syntax.Declarations.Let;
import dev.kwam.dsl.syntax.Declarations.Use;
import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Literal;
import dev.kwam.dsl.syntax.Name;
import dev.kwam.dsl.syntax.Program;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The top level of a program: the {@code apiVersion} header, then imports, {@code use} and
 * {@code let} in any order, then the block declarations. Each declaration is one line (a block
 * from its keyword to its closing brace); a broken one is reported and skipped to its end so the
 * next is parsed as if nothing happened.
 */
final class Parser {
    static final Set<String> RESERVED = Stream.concat(Stream.of("apiVersion", "import", "as", "digest", "use", "let", "true", "false"),
            BlockKind.keywords().stream()).collect(Collectors.toUnmodifiableSet());
    private static final List<String> DECLARATIONS = Stream.concat(Stream.of("import", "use", "let"), BlockKind.keywords().stream())
            .toList();

    private final TokenCursor in;
    private final ExpressionParser expressions;
    private final BodyParser bodies;
    /** Blocks share one namespace; lets and import aliases share another. */
    private final Map<String, Span> blockNames = new HashMap<>();
    private final Map<String, Span> valueNames = new HashMap<>();

    Parser(TokenCursor in) {
        this.in = in;
        this.expressions = new ExpressionParser(in);
        this.bodies = new BodyParser(in, expressions);
    }

    /** The program, or empty when any error was reported (the diagnostics say why). */
    Optional<Program> program() {
        ApiVersion header = header();
        List<Import> imports = new ArrayList<>();
        List<Use> uses = new ArrayList<>();
        List<Let> lets = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        while (true) {
            in.skipNewlines();
            Token t = in.peek();
            if (t.kind() == TokenKind.EOF) {
                break;
            }
            try {
                declaration(t, imports, uses, lets, blocks);
            } catch (Abandon a) {
                if (!a.atLineStart) {
                    in.skipLine();
                }
            }
        }
        if (in.diagnostics().hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new Program(new Span(0, in.source().length()), header, imports, uses, lets, blocks));
    }

    private ApiVersion header() {
        in.skipNewlines();
        while (in.at(TokenKind.ERROR)) {
            // Already reported by the lexer (a byte-order mark, say); the header may still follow it.
            in.advance();
        }
        Token t = in.peek();
        if (t.kind() == TokenKind.IDENT && in.text(t).equals("apiVersion")) {
            in.advance();
            Token v = in.peek();
            if (v.kind() != TokenKind.STRING) {
                if (v.kind() != TokenKind.ERROR) {
                    in.error(ParseCode.SYNTAX, v.span(), "apiVersion takes the version as a quoted string, found " + in.describe(v),
                            List.of("\"" + PolicyParser.API_VERSION + "\""), "write apiVersion \"" + PolicyParser.API_VERSION + "\"");
                }
                in.skipLine();
                return null;
            }
            in.advance();
            Literal.StringLit version = (Literal.StringLit) v.literal();
            if (!version.value().equals(PolicyParser.API_VERSION)) {
                in.error(ParseCode.UNSUPPORTED_API_VERSION, v.span(), "this parser speaks " + PolicyParser.API_VERSION + ", not '"
                        + version.value() + "'", List.of("\"" + PolicyParser.API_VERSION + "\""),
                        "write apiVersion \"" + PolicyParser.API_VERSION + "\", or use the kwam release that speaks '" + version.value() + "'");
            }
            try {
                in.expectEndOfLine("apiVersion");
            } catch (Abandon a) {
                in.skipLine();
            }
            return new ApiVersion(t.span().to(v.span()), version);
        }
        Span at = t.kind() == TokenKind.EOF ? new Span(0, 0) : t.span();
        String hint = "start the file with the line: apiVersion \"" + PolicyParser.API_VERSION + "\"";
        if (t.kind() == TokenKind.IDENT && Suggestions.closest(in.text(t), List.of("apiVersion")).isPresent()) {
            in.error(ParseCode.MISSING_API_VERSION, at, "the file does not start with apiVersion", List.of("apiVersion"),
                    "did you mean 'apiVersion'?");
            in.skipLine();
            return null;
        }
        in.error(ParseCode.MISSING_API_VERSION, at, "the file does not start with apiVersion", List.of("apiVersion"), hint);
        return null;
    }

    private void declaration(Token t, List<Import> imports, List<Use> uses, List<Let> lets, List<Block> blocks) {
        if (t.kind() == TokenKind.IDENT) {
            String word = in.text(t);
            Optional<BlockKind> kind = BlockKind.fromKeyword(word);
            if (kind.isPresent()) {
                blocks.add(block(kind.get()));
                return;
            }
            switch (word) {
                case "import":
                    inOrder(t, blocks);
                    imports.add(importDeclaration());
                    return;
                case "use":
                    inOrder(t, blocks);
                    uses.add(use());
                    return;
                case "let":
                    inOrder(t, blocks);
                    lets.add(let());
                    return;
                case "apiVersion":
                    in.error(ParseCode.OUT_OF_ORDER, t.span(), "apiVersion appears again; it is the first line and only the first",
                            List.of(), "remove this line");
                    throw new Abandon(false);
                default:
                    unknownDeclaration(t, word);
                    throw new Abandon(false);
            }
        }
        if (t.kind() == TokenKind.RBRACE || t.kind() == TokenKind.RBRACKET) {
            in.error(ParseCode.UNMATCHED_CLOSE, t.span(), in.describe(t) + " closes nothing", List.of(),
                    "remove it, or look above for the line where the matching opener is missing");
            in.advance();
            throw new Abandon(false);
        }
        if (t.kind() != TokenKind.ERROR) {
            in.error(ParseCode.SYNTAX, t.span(), "expected a declaration, found " + in.describe(t), DECLARATIONS,
                    t.kind() == TokenKind.STRING ? "top-level lines start with a keyword; map keys belong inside a block" : null);
        }
        throw new Abandon(false);
    }

    private void unknownDeclaration(Token t, String word) {
        Optional<String> suggestion = Suggestions.closest(word, DECLARATIONS);
        String hint = suggestion.map(s -> "did you mean '" + s + "'?").orElse(null);
        if (hint == null) {
            for (BlockKind k : BlockKind.values()) {
                if (Schemas.of(k).key(word).isPresent()) {
                    hint = "'" + word + "' is a key of the " + k.keyword() + " block: put it inside one";
                    break;
                }
            }
        }
        in.error(ParseCode.UNKNOWN_BLOCK, t.span(), "'" + word + "' is not a block keyword or a declaration", BlockKind.keywords(),
                hint == null ? "the nine blocks are a closed set" : hint);
    }

    private void inOrder(Token t, List<Block> blocks) {
        if (!blocks.isEmpty()) {
            in.error(ParseCode.OUT_OF_ORDER, t.span(), "'" + in.text(t) + "' after a block declaration", List.of(),
                    "move imports, use and let above the first block (" + blocks.get(0).kind().keyword() + " "
                            + blocks.get(0).name().text() + ")");
        }
    }

    private Import importDeclaration() {
        Token keyword = in.advance();
        Token path = expect(TokenKind.STRING, "the module path as a quoted string", "import \"std/faultdomains\" as fd");
        Token as = in.peek();
        if (as.kind() != TokenKind.IDENT || !in.text(as).equals("as")) {
            fail(as, "expected 'as' and an alias after the module path", List.of("'as'"), "import \"std/faultdomains\" as fd");
        }
        in.advance();
        Name alias = newName(valueNames, "an import alias", "import \"std/faultdomains\" as fd");
        Optional<Literal.StringLit> digest = Optional.empty();
        Span end = alias.span();
        Token d = in.peek();
        if (d.kind() == TokenKind.IDENT && in.text(d).equals("digest")) {
            in.advance();
            Token value = expect(TokenKind.STRING, "the digest as a quoted \"sha256:…\" string", "digest \"sha256:<64 hex>\"");
            digest = Optional.of((Literal.StringLit) value.literal());
            end = value.span();
        }
        in.expectEndOfLine("the import");
        return new Import(keyword.span().to(end), (Literal.StringLit) path.literal(), alias, digest);
    }

    private Use use() {
        Token keyword = in.advance();
        Token path = in.peek();
        if (path.kind() != TokenKind.IDENT && path.kind() != TokenKind.PATH) {
            fail(path, "'use' takes an imported name, found " + in.describe(path), List.of("a dotted name"), "use fd.h100");
        }
        in.advance();
        in.expectEndOfLine("the use");
        return new Use(keyword.span().to(path.span()), new Expr.Symbol(path.span(), Arrays.asList(in.text(path).split("\\."))));
    }

    private Let let() {
        Token keyword = in.advance();
        Name name = newName(valueNames, "a let binding", "let fanout = 8x");
        Token eq = in.peek();
        if (eq.kind() != TokenKind.EQUALS) {
            fail(eq, "expected '=' after the name of the let binding, found " + in.describe(eq), List.of("'='"),
                    "let " + name.text() + " = <value>");
        }
        in.advance();
        Expr value = expressions.parse(1);
        in.expectEndOfLine("the let binding");
        for (Span star : KindCheck.wildcards(value, in.source())) {
            in.error(ParseCode.WILDCARD_NOT_ALLOWED, star, "'*' patterns are allowed only in the keys of policy grants", List.of(),
                    "bind an exact identity");
        }
        return new Let(keyword.span().to(value.span()), name, value);
    }

    private Block block(BlockKind kind) {
        Token keyword = in.advance();
        Name name = newName(blockNames, "a " + kind.keyword() + " block", kind.keyword() + " my_" + kind.keyword() + " {");
        Token open = in.peek();
        if (open.kind() != TokenKind.LBRACE) {
            if (open.kind() == TokenKind.NEWLINE || open.kind() == TokenKind.EOF) {
                in.error(ParseCode.SYNTAX, name.span(), "the '{' of " + kind.keyword() + " '" + name.text() + "' must be on the same line",
                        List.of("'{'"), "write: " + kind.keyword() + " " + name.text() + " {");
                in.skipNewlines();
                if (!in.at(TokenKind.LBRACE)) {
                    throw new Abandon(true);
                }
                // Recover: parse the body that follows, so its own mistakes are reported too.
            } else {
                fail(open, "expected '{' after " + kind.keyword() + " '" + name.text() + "', found " + in.describe(open), List.of("'{'"),
                    kind.keyword() + " " + name.text() + " {");
            }
        }
        Body body = bodies.body(Schemas.of(kind), new BodyParser.Owner(kind.keyword() + " block '" + name.text() + "'", name.span()), 1);
        in.expectEndOfLine("'}'");
        return new Block(keyword.span().to(body.span()), kind, name, body);
    }

    private Name newName(Map<String, Span> namespace, String what, String example) {
        Token t = in.peek();
        if (t.kind() != TokenKind.IDENT) {
            fail(t, "expected the name of " + what + ", found " + in.describe(t), List.of("a name"), example);
        }
        in.advance();
        String text = in.text(t);
        if (RESERVED.contains(text)) {
            in.error(ParseCode.RESERVED_NAME, t.span(), "'" + text + "' is a reserved word and cannot name " + what, List.of(),
                    "choose another name, e.g. my_" + text);
        } else {
            Span first = namespace.putIfAbsent(text, t.span());
            if (first != null) {
                in.error(ParseCode.DUPLICATE_NAME, t.span(), "'" + text + "' is already the name of " + describeFirst(first), List.of(),
                        "rename one of them; references by name must be unambiguous");
            }
        }
        return new Name(t.span(), text);
    }

    private String describeFirst(Span first) {
        return "something declared at " + in.source().position(first.start());
    }

    private Token expect(TokenKind kind, String what, String example) {
        Token t = in.peek();
        if (t.kind() != kind) {
            fail(t, "expected " + what + ", found " + in.describe(t), List.of(kind.describe()), example);
        }
        return in.advance();
    }

    private void fail(Token t, String message, List<String> expected, String example) {
        if (t.kind() == TokenKind.ERROR) {
            throw new Abandon(false);
        }
        fail(t.span(), message, expected, example);
    }

    private void fail(Span span, String message, List<String> expected, String example) {
        in.error(ParseCode.SYNTAX, span, message, expected, "write: " + example);
        throw new Abandon(false);
    }
}
