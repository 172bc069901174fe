package dev.kwam.dsl.policy;

import java.time.Duration;

/**
 * A {@code metric} block. {@code target} keeps its written form and unit ({@code 0}, {@code 250ms},
 * {@code 99.9%}); {@code objective} defaults to {@code at_most}.
 */
public record MetricBlock(String name, String observe, String target, Duration window, Objective objective) {
    public enum Objective { AT_MOST, AT_LEAST }
}
