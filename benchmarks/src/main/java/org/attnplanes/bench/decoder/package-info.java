/**
 * Benchmarks of issue 11 on generated models (module test-models): capture on a causal decoder vs an encoder of
 * the same size, opening a fused model (rewritten) vs its unfused twin, peak heap of one-pass vs layer-pass
 * capture against the sequence length.
 */
package org.attnplanes.bench.decoder;
