package dev.kwam.node.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real shaded jar the way bin/kwam does, in its own JVM, and captures what it printed. */
final class KwamProcess {
    private static final long TIMEOUT_SECONDS = 120;

    private KwamProcess() {
    }

    /** The jar failsafe points at with {@code -Dkwam.jar}; it must have been built by {@code package}. */
    static Path jar() {
        String configured = System.getProperty("kwam.jar");
        Path jar = Path.of(configured == null ? "target/kwam.jar" : configured);
        assertTrue(Files.isRegularFile(jar), "no shaded jar at " + jar.toAbsolutePath() + ": run mvn package first");
        return jar;
    }

    static Run run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Xmx256m", "-jar", jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("kwam-stdout", ".txt");
        Path err = Files.createTempFile("kwam-stderr", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("KWAM_DEBUG");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kwam " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Run(String.join(" ", args), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** One finished run; {@code toString} shows everything, for assertion messages. */
    record Run(String args, int exit, String out, String err) {
        @Override
        public String toString() {
            return "kwam " + args + "\n-- exit " + exit + "\n-- stdout:\n" + out + "-- stderr:\n" + err;
        }
    }
}
