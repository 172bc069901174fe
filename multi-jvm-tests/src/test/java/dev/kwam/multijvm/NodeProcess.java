package dev.kwam.multijvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One {@code kwam up} process started from the shaded jar, its output in a log file. */
final class NodeProcess {
    final String name;
    final int controlPort;
    final int dataPort;
    final int metricsPort;
    final Path log;
    final Process process;

    private NodeProcess(String name, int controlPort, int dataPort, int metricsPort, Path log, Process process) {
        this.name = name;
        this.controlPort = controlPort;
        this.dataPort = dataPort;
        this.metricsPort = metricsPort;
        this.log = log;
        this.process = process;
    }

    /** The JVM this test runs on, with the Vector API module the codec wants, running {@code kwam ARGS}. */
    static List<String> kwam(List<String> args) {
        return kwam(List.of(), args);
    }

    /** The same, with {@code jvmOptions} (e.g. {@code -Dlogback.configurationFile=…}) before {@code -jar}. */
    static List<String> kwam(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(System.getProperty("kwam.vector.flag", "--add-modules=jdk.incubator.vector"));
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        return command;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("kwam.jar", "../node-app/target/kwam.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build node-app first (mvn -pl node-app,multi-jvm-tests -am verify)");
        }
        return jar;
    }

    /** Runs a short kwam command (pki init/issue) to completion; fails with its output unless it exits 0. */
    static void run(Path workDir, List<String> args) throws IOException, InterruptedException {
        Outcome outcome = call(workDir, args);
        if (outcome.exitCode() != 0) {
            throw new AssertionError("kwam " + String.join(" ", args) + " exited " + outcome.exitCode() + ":\n" + outcome.stderr()
                    + outcome.stdout());
        }
    }

    /** What a finished {@code kwam} command printed, and how it exited. */
    record Outcome(int exitCode, String stdout, String stderr) {
    }

    /** Runs a kwam command to completion, whatever its exit code. */
    static Outcome call(Path workDir, List<String> args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "kwam-", ".out");
        Path err = Files.createTempFile(workDir, "kwam-", ".err");
        Process p = new ProcessBuilder(kwam(args)).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("kwam " + String.join(" ", args) + " did not finish within 10 minutes:\n" + Files.readString(err));
        }
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * Runs a client command ({@code pointer}, {@code trust}, …) in this JVM against real node processes, with the same
     * picocli entry point {@code bin/kwam} runs: on 2 loaded cores a fresh JVM per call took 4 to 26 s (three at once in
     * the spend race), most of ConsensusProcessesIT's time. The nodes stay separate processes. A value after
     * {@code --pki} is resolved against {@code workDir}, as the process's working directory would.
     */
    static Outcome callInProcess(Path workDir, List<String> args) {
        List<String> resolved = new ArrayList<>(args);
        for (int i = 0; i + 1 < resolved.size(); i++) {
            if (resolved.get(i).equals("--pki")) {
                resolved.set(i + 1, workDir.resolve(resolved.get(i + 1)).toString());
            }
        }
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = dev.kwam.node.cli.KwamCli.newCommandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        int exit = cli.execute(resolved.toArray(String[]::new));
        return new Outcome(exit, out.toString(), err.toString());
    }

    static NodeProcess start(Path workDir, String name, int controlPort, int dataPort, int metricsPort, List<String> extra)
            throws IOException {
        return start(workDir, name, controlPort, dataPort, metricsPort, extra, List.of());
    }

    /**
     * Starts {@code kwam up} with {@code jvmOptions}. The log is appended to, so a node restarted under its name keeps
     * the lines of its earlier lives in one file.
     */
    static NodeProcess start(Path workDir, String name, int controlPort, int dataPort, int metricsPort, List<String> extra,
            List<String> jvmOptions) throws IOException {
        List<String> args = new ArrayList<>(List.of("up", "--name", name, "--data", "data-" + name, "--pki", "pki-" + name,
                "--control-port", String.valueOf(controlPort), "--data-port", String.valueOf(dataPort),
                "--metrics-port", String.valueOf(metricsPort)));
        if (!extra.contains("--raft-port")) {
            args.addAll(List.of("--raft-port", String.valueOf(Probes.freePort())));
        }
        args.addAll(extra);
        Path log = workDir.resolve(name + ".log");
        Process process = new ProcessBuilder(kwam(jvmOptions, args)).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new NodeProcess(name, controlPort, dataPort, metricsPort, log, process);
    }

    /** The last lines of the node's log, for failure messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e + ")";
        }
    }
}
