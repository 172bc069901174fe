package dev.kwam.multijvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HUD over a modeled fleet of 100,000 nodes: {@code kwam sim --nodes 100000 --serve 0} from the real jar, the page
 * in Debian's chromium. It must render the whole fleet, labelled MODELED and never LIVE, and answer a drill-down click
 * down to one node. How long that takes is measured by bench/scripts/hud-page-load.sh, not asserted here.
 */
class SimHudBrowserIT {
    private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path work;

    @Test
    void aModeledFleetOfOneHundredThousandNodesRendersAndAnswersADrillDown() throws Exception {
        Path log = work.resolve("sim.log");
        Process sim = new ProcessBuilder(NodeProcess.kwam(List.of("-Xmx512m"), List.of("sim", "--nodes", "100000", "--serve", "0",
                "--pace", "24"))).directory(work.toFile()).redirectError(log.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            Matcher serving = line == null ? null : SERVING.matcher(line);
            assertTrue(serving != null && serving.find(), "kwam sim --serve said: " + line + "\n" + Files.readString(log));
            try (HudBrowser browser = HudBrowser.openModeled("http://127.0.0.1:" + serving.group(1) + "/", 100_000)) {
                String render = browser.expect("render ");
                String drill = browser.expect("drill ");
                String node = browser.expect("node node-");
                browser.expect("done");
                System.out.println("100,000 modeled nodes: " + render + " ms to the first full render, " + drill + " ms for a "
                        + "drill-down, then " + node + " (screenshots in " + HudBrowser.SCREENSHOTS + ")");
            }
        } finally {
            sim.destroy();
            if (!sim.waitFor(20, TimeUnit.SECONDS)) {
                sim.destroyForcibly();
            }
        }
    }
}
