package dev.kwam.codec.rs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.kwam.codec.gf.GfKernels;
import dev.kwam.codec.gf.GfKernelsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Parity from Backblaze's JavaReedSolomon for SplitMix64 data: every row of the shared vectors, on both
 * kernels. A missing vectors directory fails the build rather than skipping.
 */
class KnownAnswerVectorsTest {

    private static final Path VECTORS = vectorsDirectory();

    static List<GfKernels> bothKernels() {
        return List.of(GfKernelsProvider.scalar(), GfKernelsProvider.vector().orElseThrow(() ->
                new AssertionError("vector kernels unavailable: run tests with --add-modules jdk.incubator.vector")));
    }

    @Test
    void vectorFilesArePresentAndNonEmpty() {
        assertTrue(rows("rs-data-sha256.tsv").size() >= 300);
        assertTrue(rows("rs-parity-sha256.tsv").size() >= 100);
        assertTrue(rows("rs-small-full.tsv").size() >= 10);
    }

    @TestFactory
    Stream<DynamicTest> generatorReproducesEveryDataShardDigest() {
        return rows("rs-data-sha256.tsv").stream().map(row -> dynamicTest(String.join(" ", row), () -> {
            byte[][] shards = SplitMix64.stripe(i(row[0]), i(row[1]), i(row[2]), Long.parseLong(row[3]));

            assertEquals(row[5], sha256(shards[i(row[4])]));
        }));
    }

    @TestFactory
    Stream<DynamicTest> encodeParityReproducesEveryParityDigest() {
        return bothKernels().stream().flatMap(kernels -> rows("rs-parity-sha256.tsv").stream()
                .map(row -> dynamicTest(kernels.name() + " " + String.join(" ", row), () -> {
                    int k = i(row[0]);
                    int m = i(row[1]);
                    int size = i(row[2]);
                    byte[][] shards = SplitMix64.stripe(k, m, size, Long.parseLong(row[3]));

                    ReedSolomon.create(k, m, kernels).encodeParity(shards, 0, size);

                    assertEquals(row[5], sha256(shards[k + i(row[4])]));
                })));
    }

    @TestFactory
    Stream<DynamicTest> encodeParityReproducesEverySmallShardByteForByte() {
        return bothKernels().stream().flatMap(kernels -> rows("rs-small-full.tsv").stream()
                .map(row -> dynamicTest(kernels.name() + " " + String.join(" ", row), () -> {
                    int k = i(row[0]);
                    int m = i(row[1]);
                    int size = i(row[2]);
                    byte[][] shards = SplitMix64.stripe(k, m, size, Long.parseLong(row[3]));

                    ReedSolomon.create(k, m, kernels).encodeParity(shards, 0, size);

                    int shard = (row[4].equals("data") ? 0 : k) + i(row[5]);
                    assertEquals(row[6], HexFormat.of().formatHex(shards[shard]));
                })));
    }

    private static List<String[]> rows(String file) {
        try (Stream<String> lines = Files.lines(VECTORS.resolve(file))) {
            return lines.skip(1).filter(line -> !line.isBlank()).map(line -> line.split("\t")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read known-answer vectors " + VECTORS.resolve(file), e);
        }
    }

    private static Path vectorsDirectory() {
        String configured = System.getProperty("kwam.codecVectors");
        if (configured == null) {
            throw new IllegalStateException("system property kwam.codecVectors is not set (codec/pom.xml sets it "
                    + "for surefire to src/test/resources/codec-vectors)");
        }
        Path dir = Path.of(configured);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("known-answer vectors directory " + dir.toAbsolutePath()
                    + " does not exist");
        }
        return dir;
    }

    private static int i(String text) {
        return Integer.parseInt(text);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
