package dev.kwam.multijvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The HUD in a real browser: Debian's chromium driven by playwright-core ({@code src/test/browser/hud-check.cjs}),
 * talked to one line at a time. Needs {@code /usr/bin/chromium} and the script's {@code node_modules}: .ci/run installs
 * both; without them the test fails saying how to install them, it does not skip.
 */
final class HudBrowser implements AutoCloseable {
    static final Path SCRIPT_DIR = Path.of("src", "test", "browser").toAbsolutePath();
    static final Path SCREENSHOTS = Path.of("target", "hud-screenshots").toAbsolutePath();

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final StringBuilder seen = new StringBuilder();

    private HudBrowser(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Opens {@code url} and waits (inside the script) until it shows {@code live} live nodes. */
    static HudBrowser open(String url, int live) throws IOException {
        return launch("hud-check.cjs", url, String.valueOf(live));
    }

    /** Opens {@code url}, a {@code kwam sim --serve} of {@code nodes} modeled nodes, and reports render and drill-down. */
    static HudBrowser openModeled(String url, int nodes) throws IOException {
        return launch("hud-sim-check.cjs", url, String.valueOf(nodes));
    }

    private static HudBrowser launch(String script, String url, String expected) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            throw new AssertionError("the HUD's browser test needs Debian's chromium: apt-get install -y chromium (.ci/run does)");
        }
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("playwright-core"))) {
            throw new AssertionError("the HUD's browser test needs playwright-core: (cd " + SCRIPT_DIR + " && npm ci) (.ci/run does)");
        }
        Files.createDirectories(SCREENSHOTS);
        Process p = new ProcessBuilder("node", script, url, SCREENSHOTS.toString(), expected)
                .directory(SCRIPT_DIR.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new HudBrowser(p);
    }

    /** The next line the script prints, which must start with {@code prefix}. */
    String expect(String prefix) throws IOException {
        String line = out.readLine();
        seen.append(line).append('\n');
        if (line == null || !line.startsWith(prefix)) {
            throw new AssertionError("the browser was to report '" + prefix + "…', it said:\n" + seen);
        }
        return line;
    }

    void say(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
