package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.manifest.ManifestFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

    @Test
    void cliExceptionsKeepTheirOwnError() {
        CliError error = CliError.checkFailed("what", "where", "why", "fix");
        ErrorClassifier.Classified c = ErrorClassifier.classify(new CliException(error));
        assertSame(error, c.error());
        assertTrue(c.expected());
    }

    @Test
    void aManifestThatDoesNotVerifyIsAFailedCheck() {
        ErrorClassifier.Classified c = ErrorClassifier.classify(new ManifestFormatException("signature does not verify"));
        assertEquals(ExitCodes.CHECK_FAILED, c.error().exitCode());
        assertEquals("signature does not verify", c.error().error().why());
    }

    @Test
    void fileProblemsAreIoErrorsThatNameThePath() {
        for (IOException e : new IOException[] {
                new NoSuchFileException("/data/manifest.kwm"),
                new AccessDeniedException("/data/manifest.kwm"),
                new FileAlreadyExistsException("/data/manifest.kwm")}) {
            ErrorClassifier.Classified c = ErrorClassifier.classify(e);
            assertEquals(ExitCodes.USAGE_OR_IO, c.error().exitCode(), e.toString());
            assertEquals("/data/manifest.kwm", c.error().error().where().orElseThrow());
            assertTrue(c.expected());
        }
    }

    @Test
    void wrappedIoErrorsAreClassifiedByTheirCause() {
        ErrorClassifier.Classified c = ErrorClassifier.classify(
                new UncheckedIOException(new NoSuchFileException("/frags/sha256:ab")));
        assertEquals(ExitCodes.USAGE_OR_IO, c.error().exitCode());
        assertEquals("/frags/sha256:ab", c.error().error().where().orElseThrow());
    }

    @Test
    void bugsExitTwoAndAskForTheStackTrace() {
        ErrorClassifier.Classified c = ErrorClassifier.classify(new NullPointerException("oops"));
        assertEquals(ExitCodes.USAGE_OR_IO, c.error().exitCode());
        assertFalse(c.expected());
    }
}
