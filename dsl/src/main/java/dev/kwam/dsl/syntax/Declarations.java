package dev.kwam.dsl.syntax;

import dev.kwam.dsl.diag.Span;
import java.util.Optional;

/** The declarations that precede the blocks: the header, imports, use and let. */
public final class Declarations {

    private Declarations() {
    }

    /** {@code apiVersion "kwam.dev/v0.2"}. */
    public record ApiVersion(Span span, Literal.StringLit version) implements Node {
    }

    /**
     * {@code import "std/faultdomains" as fd digest "sha256:…"}. Whether the path is allowed and the
     * digest matches is decided by the module store during lowering.
     */
    public record Import(Span span, Literal.StringLit path, Name alias, Optional<Literal.StringLit> digest)
            implements Node {
    }

    /** {@code use fd.h100}: hoists an imported symbol (or all of a module's symbols under one path) into scope. */
    public record Use(Span span, Expr.Symbol path) implements Node {
    }

    /** {@code let fanout = 8x}. */
    public record Let(Span span, Name name, Expr value) implements Node {
    }
}
