/**
 * Reed–Solomon erasure coding, byte-compatible with Backblaze's JavaReedSolomon: {@link
 * dev.kwam.codec.rs.ReedSolomon} encodes k data shards into m parity shards and rebuilds any m lost
 * ones from the rest. Matrices come from {@code dev.kwam.codec.gf}; the known-answer vectors in the
 * shared {@code codec-vectors} folder pin the bytes.
 */
package dev.kwam.codec.rs;
