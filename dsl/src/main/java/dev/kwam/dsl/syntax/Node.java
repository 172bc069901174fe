package dev.kwam.dsl.syntax;

import dev.kwam.dsl.diag.Span;

/** Every syntax tree node knows the source text it came from, so lowering can point its errors at it. */
interface Node {
    Span span();
}
