package dev.kwam.codec.gf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.gf.GfKernelsProvider.Choice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** kwam.codec.simd = auto | vector | scalar, decided apart from the flags this JVM was started with. */
class GfKernelsProviderTest {

    @Test
    void autoUsesVectorOnlyWhenTheModuleIsReadable() {
        assertEquals(Choice.VECTOR_IF_WIDE, GfKernelsProvider.choose("auto", true));
        assertEquals(Choice.SCALAR, GfKernelsProvider.choose("auto", false));
        assertEquals(Choice.VECTOR_IF_WIDE, GfKernelsProvider.choose(null, true));
        assertEquals(Choice.VECTOR_IF_WIDE, GfKernelsProvider.choose(" AUTO ", true));
    }

    @Test
    void scalarIsHonouredEvenWithTheModule() {
        assertEquals(Choice.SCALAR, GfKernelsProvider.choose("scalar", true));
        assertEquals(Choice.SCALAR, GfKernelsProvider.choose("scalar", false));
    }

    @Test
    void vectorIsHonouredWithTheModuleAndAnErrorWithoutIt() {
        assertEquals(Choice.VECTOR, GfKernelsProvider.choose("vector", true));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GfKernelsProvider.choose("vector", false));
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
    }

    @Test
    void unknownValueIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GfKernelsProvider.choose("avx", true));
        assertTrue(e.getMessage().contains("auto, vector, scalar"), e.getMessage());
    }

    @Test
    void bothImplementationsAreReachableExplicitly() {
        assertEquals("scalar", GfKernelsProvider.scalar().name());
        GfKernels vector = GfKernelsProvider.vector().orElseThrow();
        assertTrue(vector.vectorBits() >= 128, vector.name());
        String selected = GfKernelsProvider.get().name();
        assertTrue(selected.equals("scalar") || selected.equals(vector.name()), selected);
    }

    @Test
    void jvmWithoutTheVectorModuleRunsScalarAndRefusesForcedVector() throws Exception {
        Probe auto = probe("auto");
        assertEquals(0, auto.exitCode(), auto.output());
        assertTrue(auto.output().contains("selected=scalar vectorAvailable=false"), auto.output());

        Probe forced = probe("vector");
        assertTrue(forced.exitCode() != 0, forced.output());
        assertTrue(forced.output().contains("--add-modules jdk.incubator.vector"), forced.output());
    }

    private record Probe(int exitCode, String output) {
    }

    /** A child JVM on this test's class path but without --add-modules jdk.incubator.vector. */
    private static Probe probe(String simd) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-D" + GfKernelsProvider.PROPERTY + "=" + simd);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProviderProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("probe JVM did not finish: " + output);
        }
        return new Probe(process.exitValue(), output);
    }
}
