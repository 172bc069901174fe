package dev.kwam.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.diag.ParseCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The parse half of the conformance corpus: every {@code .kwam} under
 * {@code conformance/parse/} starts with its verdict, {@code # expect: ok} or one
 * {@code # expect: parse KW-Pnnn line:col} line per diagnostic, and must get exactly that verdict:
 * the same codes at the same places, nothing more (one diagnostic per root cause).
 */
class ParseConformanceTest {

    static Path corpus() {
        try {
            return Path.of(ParseConformanceTest.class.getResource("/conformance/parse").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> cases() throws IOException {
        try (Stream<Path> files = Files.walk(corpus())) {
            return files.filter(p -> p.toString().endsWith(".kwam")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGetsExactlyItsVerdict() throws IOException {
        return cases().stream().map(file -> DynamicTest.dynamicTest(corpus().relativize(file).toString(), () -> {
            byte[] bytes = Files.readAllBytes(file);
            List<String> expected = expectations(bytes);
            assertTrue(!expected.isEmpty(), file + " has no '# expect:' line");
            ParseResult result = PolicyParser.parse(file.getFileName().toString(), bytes);
            assertEquals(expected, verdict(result), DiagnosticRenderer.render(result.diagnostics()));
        }));
    }

    @Test
    void theCorpusExercisesEveryParseCodeThatAFileCanShow() throws IOException {
        Set<ParseCode> seen = EnumSet.noneOf(ParseCode.class);
        for (Path file : cases()) {
            for (String e : expectations(Files.readAllBytes(file))) {
                for (ParseCode c : ParseCode.values()) {
                    if (e.contains(c.id() + " ")) {
                        seen.add(c);
                    }
                }
            }
        }
        // A 4 MiB file and a file with more than 100 errors are built in ParserLimitsTest instead.
        Set<ParseCode> missing = EnumSet.complementOf(EnumSet.copyOf(seen));
        missing.removeAll(EnumSet.of(ParseCode.FILE_TOO_LARGE, ParseCode.TOO_MANY_ERRORS));
        assertEquals(Set.of(), missing);
    }

    static List<String> expectations(byte[] bytes) {
        List<String> out = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.ISO_8859_1).split("\n")) {
            if (!line.startsWith("# expect: ")) {
                break;
            }
            out.add(line.substring("# expect: ".length()).trim());
        }
        return out;
    }

    static List<String> verdict(ParseResult result) {
        if (result.ok()) {
            return List.of("ok");
        }
        List<String> out = new ArrayList<>();
        for (Diagnostic d : result.diagnostics()) {
            out.add("parse " + d.code().id() + " " + d.start());
        }
        return out;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
