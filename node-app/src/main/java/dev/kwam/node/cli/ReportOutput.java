package dev.kwam.node.cli;

import java.io.PrintWriter;
import java.util.function.BiConsumer;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --format text|json} and the printing every reporting {@code kwam client} command shares: one line of
 * JSON (shapes in docs/cli.md) or the command's own text, on stdout, exit 0.
 */
final class ReportOutput {
    enum Format { text, json }

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json; the JSON shape is in docs/cli.md.")
    private Format format;

    <T> int show(T report, Function<T, String> json, BiConsumer<T, PrintWriter> text) {
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(json.apply(report));
        } else {
            text.accept(report, out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
