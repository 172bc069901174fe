package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void noBarWhenStderrIsNotATerminal() {
        // Surefire redirects the forked JVM's stderr to a pipe/file, so this must never draw.
        assertFalse(Progress.stderrIsTerminal());
    }
}
