package dev.kwam.placement.census;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the census waits for other replicas (config {@code kwam.census}, see reference.conf).
 *
 * @param writeTimeout how long a write waits for a majority before it is acknowledged as local only
 * @param readTimeout  how long a read retried at majority waits before answering from this replica
 */
public record CensusSettings(Duration writeTimeout, Duration readTimeout) {
    public CensusSettings {
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (writeTimeout.isNegative() || writeTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("census timeouts must be positive, got write " + writeTimeout
                    + ", read " + readTimeout);
        }
    }

    public static CensusSettings defaults() {
        return new CensusSettings(Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    /** Reads {@code kwam.census.write-timeout} and {@code kwam.census.read-timeout}. */
    public static CensusSettings fromConfig(Config config) {
        Config c = config.getConfig("kwam.census");
        return new CensusSettings(c.getDuration("write-timeout"), c.getDuration("read-timeout"));
    }
}
