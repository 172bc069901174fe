package dev.kwam.hud;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * "Why is it degraded", named: a code from a closed set (docs/api.md, Findings), a severity, what is affected (fault
 * domains as {@code KIND=VALUE}, nodes, stripes), since when it has been seen, and what the system is doing about it.
 *
 * @param key       what makes two readings the same finding (the code and its subject), for {@code since}
 * @param since     when this node first saw it; empty when it was already there before this node looked
 * @param affected  nodes and stripes, at most {@link Findings#MAX_AFFECTED}; {@code affectedCount} is the full number
 */
public record Finding(String code, Severity severity, String key, String title, String detail, List<String> domains,
        List<String> affected, int affectedCount, Optional<Instant> since, String doing, Source source) {

    public enum Severity {
        CRITICAL, WARNING, INFO;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        domains = List.copyOf(domains);
        affected = List.copyOf(affected);
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(source, "source");
    }

    Finding since(Optional<Instant> when) {
        return new Finding(code, severity, key, title, detail, domains, affected, affectedCount, when, doing, source);
    }
}
