package dev.kwam.consensus;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.ratis.metrics.LongCounter;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.Timekeeper;
import org.apache.ratis.util.TimeDuration;

/**
 * Ratis's metrics, which no part of KWAM reads, kept from costing anything: the Ratis servers need a
 * {@link MetricRegistries} on the class path (found through {@code META-INF/services}), and the default one times
 * every log append, flush and apply with codahale timers. In the 3-voter spend benchmark those timers held 5.6 % of
 * the CPU samples on a CPU-bound machine (docs/benchmarks.md). The node's own figures go through Kamon (hud-stream);
 * the Raft log's health is read from the group itself ({@code kwam status}), not from these.
 */
public final class UnreadRatisMetrics extends MetricRegistries {
    private static final Timekeeper.Context STOPPED = () -> 0L;
    private static final Timekeeper TIMER = () -> STOPPED;
    private static final LongCounter COUNTER = new LongCounter() {
        @Override
        public void inc(long n) {
        }

        @Override
        public void dec(long n) {
        }

        @Override
        public long getCount() {
            return 0;
        }
    };

    private final Map<MetricRegistryInfo, RatisMetricRegistry> registries = new ConcurrentHashMap<>();

    @Override
    public void clear() {
        registries.clear();
    }

    @Override
    public RatisMetricRegistry create(MetricRegistryInfo info) {
        return registries.computeIfAbsent(info, Unread::new);
    }

    @Override
    public boolean remove(MetricRegistryInfo info) {
        return registries.remove(info) != null;
    }

    @Override
    public Optional<RatisMetricRegistry> get(MetricRegistryInfo info) {
        return Optional.ofNullable(registries.get(info));
    }

    @Override
    public Set<MetricRegistryInfo> getMetricRegistryInfos() {
        return Set.copyOf(registries.keySet());
    }

    @Override
    public Collection<RatisMetricRegistry> getMetricRegistries() {
        return List.copyOf(registries.values());
    }

    @Override
    public void addReporterRegistration(Consumer<RatisMetricRegistry> onAdd, Consumer<RatisMetricRegistry> onRemove) {
        // Nothing reports: there is nothing to register.
    }

    @Override
    public void enableJmxReporter() {
    }

    @Override
    public void enableConsoleReporter(TimeDuration period) {
    }

    private record Unread(MetricRegistryInfo info) implements RatisMetricRegistry {
        @Override
        public Timekeeper timer(String name) {
            return TIMER;
        }

        @Override
        public LongCounter counter(String name) {
            return COUNTER;
        }

        @Override
        public boolean remove(String name) {
            return false;
        }

        @Override
        public <T> void gauge(String name, Supplier<Supplier<T>> gauge) {
        }

        @Override
        public MetricRegistryInfo getMetricRegistryInfo() {
            return info;
        }
    }
}
