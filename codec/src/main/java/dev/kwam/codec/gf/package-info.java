/**
 * Arithmetic over GF(2^8) (polynomial 0x11D, generator 2, as Backblaze's JavaReedSolomon): {@link
 * dev.kwam.codec.gf.Galois} for single elements, {@link dev.kwam.codec.gf.Matrix} for the encoding and
 * decode matrices, and {@link dev.kwam.codec.gf.GfKernels} for the bulk loop "every output shard is a
 * GF-weighted XOR of the input shards". {@link dev.kwam.codec.gf.GfKernelsProvider} chooses the scalar
 * or the {@code jdk.incubator.vector} kernels once per JVM. Reed–Solomon and LRC both build on this
 * package; nothing here knows about stripes or fragments.
 */
package dev.kwam.codec.gf;
