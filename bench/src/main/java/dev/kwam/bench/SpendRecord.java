package dev.kwam.bench;

/** Who spends and for what, the same on every target so both store records of the same size. */
final class SpendRecord {
    static final String SPENDER = "spiffe://bench.test/acme/cl-1/az1/pod-1/node-1/kwamd";
    static final String ACTION = "drain node-7";

    private SpendRecord() {
    }
}
