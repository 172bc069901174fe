package dev.kwam.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.syntax.Block;
import dev.kwam.dsl.syntax.BlockKind;
import dev.kwam.dsl.syntax.Directive;
import dev.kwam.dsl.syntax.Expr;
import dev.kwam.dsl.syntax.Literal;
import dev.kwam.dsl.syntax.Program;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guided tour's program (shared/examples/h100_dc.kwam) is the language's acceptance test. */
class TourProgramTest {

    private static Program tour() throws IOException {
        Path file = Path.of(System.getProperty("kwam.examples"), "h100_dc.kwam");
        ParseResult result = PolicyParser.parse(file.toString(), Files.readAllBytes(file));
        assertTrue(result.ok(), DiagnosticRenderer.render(result.diagnostics()));
        return result.program().orElseThrow();
    }

    private static Expr value(Block block, String key) {
        return ((Directive.Setting) block.body().find(key).orElseThrow()).value();
    }

    @Test
    void parsesWithNoErrorsIntoNineBlocks() throws IOException {
        Program p = tour();
        assertEquals("kwam.dev/v0.2", p.apiVersion().version().value());
        assertEquals(List.of("fd"), p.imports().stream().map(i -> i.alias().text()).toList());
        assertEquals(List.of("fd.h100"), p.uses().stream().map(u -> u.path().text()).toList());
        assertEquals(List.of("fanout", "ca", "grant"), p.lets().stream().map(l -> l.name().text()).toList());
        assertEquals(List.of(BlockKind.PROFILE, BlockKind.POLICY, BlockKind.SERVER, BlockKind.DISCOVERY, BlockKind.CLIENT,
                BlockKind.REPLICATE, BlockKind.GUARD, BlockKind.METRIC, BlockKind.DEPLOY), p.blocks().stream().map(Block::kind).toList());
    }

    @Test
    void keepsUnitsAndContentAddressesApart() throws IOException {
        Program p = tour();
        Block client = p.blocks(BlockKind.CLIENT).get(0);
        Literal.StringLit image = assertInstanceOf(Literal.StringLit.class, value(client, "image"));
        assertTrue(image.value().startsWith("sha256:9f3a7c0e"));
        Block guard = p.blocks(BlockKind.GUARD).get(0);
        assertEquals(6, ((Literal.NinesLit) value(guard, "durability")).nines());
        assertEquals(Duration.ofMinutes(30), ((Literal.DurationLit) value(guard, "mttr_restore")).duration());
        assertEquals(new BigDecimal("0.1"), ((Literal.PercentLit) value(guard, "error_budget")).value());
        Block profile = p.blocks(BlockKind.PROFILE).get(0);
        assertEquals(512L << 20, ((Literal.SizeLit) value(profile, "cache_size")).bytes());
        assertInstanceOf(Expr.Interpolation.class, value(profile, "fanout"));
    }

    @Test
    void grantPatternsAndNestedBlocksKeepTheirShape() throws IOException {
        Program p = tour();
        Block policy = p.blocks(BlockKind.POLICY).get(0);
        Directive.KeyedBlocks grants = (Directive.KeyedBlocks) policy.body().find("grants").orElseThrow();
        assertEquals("spiffe://kwam/acme/cl-7/*/*/*/seed", grants.entries().get(0).key().value());
        Expr.ListExpr caps = (Expr.ListExpr) ((Directive.Setting) grants.entries().get(0).body().find("caps").orElseThrow()).value();
        assertEquals(List.of("discover", "replicate", "deploy", "quarantine"),
                caps.elements().stream().map(e -> ((Expr.Symbol) e).text()).toList());
        Block server = p.blocks(BlockKind.SERVER).get(0);
        Literal.IdentityLit id = (Literal.IdentityLit) value(server, "identity");
        assertEquals("kwam", id.trustDomain());
        assertEquals(List.of("acme", "cl-7", "az1", "pod0", "n0000", "seed"), id.segments());
        Literal.HostLit seed = (Literal.HostLit) ((Expr.ListExpr) value(server, "seeds")).elements().get(0);
        assertEquals("kwam-seed.internal", seed.host());
        Directive.NestedBlock consent = (Directive.NestedBlock) p.blocks(BlockKind.DEPLOY).get(0).body().find("consent").orElseThrow();
        assertEquals("fleet.h100_pool", ((Expr.Symbol) ((Directive.Setting) consent.body().find("scope").orElseThrow()).value()).text());
    }
}
