package dev.kwam.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.kwam.codec.Kwam;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code kwam --version}: the kwam build, the Java runtime and the Pekko version this jar carries
 * (read from the merged {@code reference.conf}, so a badly shaded jar shows up here first).
 */
final class VersionInfo implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("kwam " + kwamVersion());
        lines.add("java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ", "
                + System.getProperty("java.vm.name") + ")");
        lines.add("pekko " + pekkoVersion());
        lines.add("codec kernel " + Kwam.codecKernel() + vectorHint());
        return lines.toArray(String[]::new);
    }

    /** The scalar kernel on JDK 17 usually means the launcher forgot the Vector API module. */
    private static String vectorHint() {
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return vectorModule ? "" : "  (jdk.incubator.vector not loaded: run through bin/kwam or add "
                + "--add-modules=jdk.incubator.vector for the fast path)";
    }

    static String kwamVersion() {
        String v = KwamCli.class.getPackage().getImplementationVersion();
        return v == null ? "unknown (not running from kwam.jar)" : v;
    }

    static String pekkoVersion() {
        try {
            Config config = ConfigFactory.load();
            return config.getString("pekko.version");
        } catch (ConfigException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
