package dev.kwam.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
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
        return lines.toArray(String[]::new);
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
