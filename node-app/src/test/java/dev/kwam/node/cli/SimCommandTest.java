package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kwam sim}, in-process: what it prints, its JSON, where its inputs come from, and its refusals. */
class SimCommandTest {
    /** Failures frequent enough to count, so the run can be set against the closed form. */
    private static final String[] FREQUENT = {"--nodes", "400", "--nodes-per-domain", "10", "--codec", "rs(2,1)", "--node-mtbf", "200h",
        "--mttr", "10h", "--domain-mtbf", "2000h", "--recovery", "20h", "--years", "100"};

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = KwamCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aFleetWithFrequentFailuresIsSimulatedAndAgreesWithTheModel() {
        assertEquals(ExitCodes.OK, run(with(new String[] {"sim"}, FREQUENT)), err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("kwam sim  400 nodes (40 racks of 10), rs(2,1), 1333333 stripes, 100 year(s), seed 1  [MODELED, simulated]"),
                text);
        assertTrue(text.contains("inputs    flags (no --policy): codec rs(2,1), node_mtbf 200h"), text);
        assertTrue(text.contains(": within the simulation's interval"), text);
    }

    @Test
    void jsonCarriesItsLabelsAndTheComparison() {
        assertEquals(ExitCodes.OK, run(with(new String[] {"sim"}, with(FREQUENT, "--format", "json"))), err.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(out.toString());
        assertEquals("MODELED", json.get("source"));
        assertEquals(true, json.get("simulated"));
        assertEquals(40L, json.get("domains"));
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) json.get("model");
        assertEquals(true, model.get("comparable"));
        assertEquals(true, model.get("withinInterval"));
        assertTrue((Double) json.get("perStripeYear") > 0, out.toString());
    }

    @Test
    void aShortRunAtRealMtbfsSaysItCannotBeComparedRatherThanDisagreeing() {
        assertEquals(ExitCodes.OK, run("sim", "--nodes", "10000"), err.toString());
        assertTrue(out.toString().contains("not compared: "), out.toString());
        assertTrue(out.toString().contains("domain failure(s) simulated, fewer than 100"), out.toString());
    }

    @Test
    void thePolicysStrictestGuardAndItsReplicateBlockSupplyTheInputs() throws Exception {
        Path policy = Files.writeString(dir.resolve("p.kwam"), """
                apiVersion "kwam.dev/v0.2"
                import "std/faultdomains" as fd
                use fd.h100

                profile dc {
                  hardware "h100"
                }

                replicate data {
                  factor 3
                  anti_affinity [rack]
                  codec {
                    scheme rs
                    data 2
                    parity 1
                  }
                }

                guard sla {
                  durability 4nines
                  mttr_restore 30m
                  recovery_time 6h
                  integrity sha256
                  node_mtbf 35000h
                  domain_mtbf 500000h
                }
                """);
        assertEquals(ExitCodes.OK, run("sim", "--nodes", "1000", "--policy", policy.toString()), err.toString());
        assertTrue(out.toString().contains("rs(2,1)"), out.toString());
        assertTrue(out.toString().contains("the strictest guard (4 nines) with replicate 'data'"), out.toString());
        assertTrue(out.toString().contains("node_mtbf 35000 h, mttr 0.50 h, rack mtbf 500000 h, recovery 6 h"), out.toString());
    }

    @Test
    void badInputIsRefusedWithWhatWhereWhyAndHow() {
        assertEquals(ExitCodes.USAGE_OR_IO, run("sim", "--nodes", "3"));
        assertTrue(err.toString().contains("rs(10,4) needs 14 racks for one fragment per rack"), err.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, run("sim", "--nodes", "1000", "--node-mtbf", "soon"));
        assertTrue(err.toString().contains("expected a positive whole number and a unit"), err.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, run("sim", "--nodes", "0"));
        assertEquals(ExitCodes.USAGE_OR_IO, run("sim", "--nodes", "1000", "--policy", dir.resolve("missing.kwam").toString()));
    }
}
