package dev.kwam.node.testing;

import dev.kwam.node.cli.KwamCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** A {@code kwam} command run in the test's JVM, as the shaded jar would run it: its exit code, stdout and stderr. */
public record InProcessKwam(int code, String out, String err) {

    public static InProcessKwam run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = KwamCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new InProcessKwam(code, out.toString(), err.toString());
    }
}
