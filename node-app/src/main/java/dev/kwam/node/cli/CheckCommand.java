package dev.kwam.node.cli;

import dev.kwam.dsl.CompileOptions;
import dev.kwam.dsl.CompileResult;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.parse.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kwam check}: parse, lower and validate policy files; every error of every file in one run. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check policy files: syntax, closed schemas, references, the durability math behind every guard, "
                    + "and every deploy's consent token (verified offline against --keyring).",
            "Errors are printed as file:line:col with the source line, a caret, what was expected and a hint."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every file is a valid policy",
            "1:some file has an error (parse or lowering)",
            "2:usage error, a file could not be read, or the keyring could not be loaded"})
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files (.kwam).")
    private List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    private Format format = Format.text;

    @Option(names = "--keyring", paramLabel = "DIR",
            description = "A directory of the consent signers' ID.pub files; without it no deploy can be accepted.")
    private Path keyringDir;

    @Override
    public Integer call() throws CliException, IOException {
        CompileOptions options = options(keyringDir);
        List<CompileResult> results = new ArrayList<>();
        for (Path file : files) {
            results.add(PolicyCompiler.compile(file.toString(), read(file), options));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(json(results));
        } else {
            for (CompileResult r : results) {
                if (r.ok()) {
                    out.println(r.source().name() + ": ok");
                } else {
                    out.print(DiagnosticRenderer.render(r.diagnostics()));
                    out.println(r.source().name() + ": " + r.diagnostics().size() + " error(s)");
                }
            }
        }
        out.flush();
        return results.stream().allMatch(CompileResult::ok) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    static CompileOptions options(Path keyringDir) throws CliException, IOException {
        CompileOptions options = CompileOptions.standard();
        return keyringDir == null ? options : options.withKeyring(ConsentInput.keyring(keyringDir));
    }

    /** At most one byte past the cap is read: the parser then refuses the file by its size, not by running out of memory. */
    static byte[] read(Path file) throws CliException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(PolicyParser.MAX_SOURCE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new CliException(CliError.io("cannot read the policy", file.toString(), "no such file", "check the path"));
        }
    }

    static String json(List<CompileResult> results) {
        JsonWriter w = new JsonWriter().beginObject().field("format_version", "1").name("files").beginArray();
        for (CompileResult r : results) {
            w.beginObject().field("file", r.source().name()).field("ok", r.ok()).name("errors").beginArray();
            for (Diagnostic d : r.diagnostics()) {
                w.beginObject().field("class", d.diagnosticClass().jsonName()).field("code", d.code().id())
                        .field("line", d.start().line()).field("col", d.start().column())
                        .field("end_line", d.end().line()).field("end_col", d.end().column())
                        .field("message", d.message());
                w.field("hint", d.hint().orElse("")).endObject(); // "" when there is nothing to add to the message
            }
            w.endArray().endObject();
        }
        return w.endArray().endObject().toString();
    }
}
