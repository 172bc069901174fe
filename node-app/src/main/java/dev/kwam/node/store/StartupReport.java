package dev.kwam.node.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What opening the store found and did: temp files of writes a crash interrupted (removed; none of
 * them was ever acknowledged), files in the fragment tree that are not fragments (moved to
 * quarantine), and the totals the scan rebuilt.
 */
public record StartupReport(List<Path> removedTempFiles, long removedTempBytes, List<Path> strayFilesQuarantined,
        long fragments, long fragmentBytes, long quarantined, long quarantinedBytes, Duration scanTime) {

    public StartupReport {
        removedTempFiles = List.copyOf(removedTempFiles);
        strayFilesQuarantined = List.copyOf(strayFilesQuarantined);
    }

    /** One line for the node's log. */
    public String summary() {
        return "fragment store: " + fragments + " fragments (" + fragmentBytes + " bytes), " + quarantined
                + " quarantined (" + quarantinedBytes + " bytes); removed " + removedTempFiles.size()
                + " stale temp files (" + removedTempBytes + " bytes); quarantined " + strayFilesQuarantined.size()
                + " stray files; scan took " + scanTime.toMillis() + " ms";
    }
}
