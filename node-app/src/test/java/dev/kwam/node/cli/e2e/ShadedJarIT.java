package dev.kwam.node.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded kwam.jar: merged Pekko configuration, no stale signatures, and it starts. */
class ShadedJarIT {

    @Test
    void referenceConfMergesPekkoActorAndClusterSettings() throws Exception {
        try (JarFile jar = new JarFile(KwamProcess.jar().toFile())) {
            ZipEntry entry = jar.getEntry("reference.conf");
            assertNotNull(entry, "kwam.jar has no reference.conf");
            Config config;
            try (Reader reader = new InputStreamReader(jar.getInputStream(entry), StandardCharsets.UTF_8)) {
                config = ConfigFactory.parseReader(reader);
            }
            assertTrue(config.hasPath("pekko.actor.default-dispatcher"), "pekko-actor's reference.conf is missing");
            assertTrue(config.hasPath("pekko.cluster.downing-provider-class"), "pekko-cluster's reference.conf is missing");
            assertTrue(config.hasPath("pekko.remote.artery"), "pekko-remote's reference.conf is missing");
        }
    }

    /** Signature files copied from signed dependencies (BouncyCastle) would make the JVM refuse the jar. */
    @Test
    void carriesNoSignatureFiles() throws Exception {
        try (JarFile jar = new JarFile(KwamProcess.jar().toFile())) {
            List<String> signatures = jar.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("META-INF/") && n.indexOf('/', "META-INF/".length()) < 0)
                    .filter(n -> n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA"))
                    .toList();
            assertEquals(List.of(), signatures);
        }
    }

    @Test
    void versionRunsAndNamesEveryComponent(@TempDir Path dir) throws Exception {
        KwamProcess.Run run = KwamProcess.run(dir, "--version");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().matches("(?s)kwam \\d+\\.\\d+\\.\\d+.*"), run.toString());
        assertTrue(run.out().contains("java " + Runtime.version().feature()), run.toString());
        assertTrue(run.out().contains("pekko 1."), run.toString());
        assertTrue(run.out().contains("codec kernel "), run.toString());
    }
}
