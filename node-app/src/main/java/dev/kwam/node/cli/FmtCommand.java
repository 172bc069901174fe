package dev.kwam.node.cli;

import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.fmt.FormatResult;
import dev.kwam.dsl.fmt.PolicyFormatter;
import dev.kwam.dsl.parse.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kwam fmt}: a policy file in its canonical layout; refuses, and never writes, a file that does not parse. */
@Command(name = "fmt",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print a policy file in canonical layout: two-space indentation, one directive per line, normalised "
                    + "spacing, comments kept, at most one blank line in a row.",
            "Formatting never changes the parsed program. A file with parse errors is reported and left alone."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:formatted (or, with --check, already canonical)",
            "1:the file has parse errors, or (--check) it is not in canonical layout",
            "2:usage error, or the file could not be read or written"})
final class FmtCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The policy file (.kwam).")
    private Path file;

    @ArgGroup(exclusive = true)
    private Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--check", description = "Print nothing if FILE is canonical; otherwise say where it differs and exit 1.")
        boolean check;

        @Option(names = "--write", description = "Rewrite FILE in place (atomically: temp file, fsync, rename).")
        boolean write;
    }

    @Override
    public Integer call() throws CliException, IOException {
        byte[] bytes = read(file);
        FormatResult result = PolicyFormatter.format(file.toString(), bytes);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (result instanceof FormatResult.Refused refused) {
            err.print(DiagnosticRenderer.render(refused.diagnostics()));
            err.println("kwam fmt: " + file + " has " + refused.diagnostics().size() + " error(s); nothing was formatted");
            err.flush();
            return ExitCodes.CHECK_FAILED;
        }
        FormatResult.Formatted formatted = (FormatResult.Formatted) result;
        if (mode.check) {
            if (!formatted.changed()) {
                return ExitCodes.OK;
            }
            out.print(firstDifference(formatted.source().text(), formatted.text()));
            out.println(file + ": not in canonical layout (kwam fmt --write " + file + " rewrites it)");
            out.flush();
            return ExitCodes.CHECK_FAILED;
        }
        if (mode.write) {
            if (formatted.changed()) {
                rewrite(file, formatted.text());
                out.println("formatted " + file);
            } else {
                out.println("unchanged " + file);
            }
            out.flush();
            return ExitCodes.OK;
        }
        out.print(formatted.text());
        out.flush();
        return ExitCodes.OK;
    }

    /** At most one byte past the cap is read: the parser then refuses the file by its size, not by running out of memory. */
    private static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(PolicyParser.MAX_SOURCE_BYTES + 1);
        }
    }

    /** {@code --- FILE:LINE} / {@code +++ canonical} with the first line that differs, in the spirit of a unified diff. */
    static String firstDifference(String original, String canonical) {
        String[] a = original.split("\n", -1);
        String[] b = canonical.split("\n", -1);
        int line = 0;
        while (line < a.length && line < b.length && a[line].equals(b[line])) {
            line++;
        }
        StringBuilder s = new StringBuilder();
        s.append("@@ line ").append(line + 1).append(" @@\n");
        if (line < a.length) {
            s.append("-").append(visible(a[line])).append('\n');
        }
        if (line < b.length) {
            s.append("+").append(visible(b[line])).append('\n');
        }
        return s.toString();
    }

    /** Tabs, carriage returns and trailing blanks are exactly what fmt changes, so show them. */
    private static String visible(String line) {
        String shown = line.replace("\t", "\\t").replace("\r", "\\r");
        int end = shown.length();
        while (end > 0 && shown.charAt(end - 1) == ' ') {
            end--;
        }
        return end == shown.length() ? shown : shown.substring(0, end) + "·".repeat(shown.length() - end);
    }

    private static void rewrite(Path file, String text) throws IOException, CliException {
        Set<PosixFilePermission> mode = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.getPosixFilePermissions(file) : null;
        try (AtomicOutputFile output = AtomicOutputFile.beside(file)) {
            output.stream().write(text.getBytes(StandardCharsets.UTF_8));
            output.commit();
        }
        if (mode != null) {
            Files.setPosixFilePermissions(file, mode);
        }
    }
}
