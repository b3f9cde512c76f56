/**
 * Benchmarks of model-io: attention capture against the plain, unmodified model on the same inputs
 * ({@link org.attnplanes.bench.capture.CaptureBenchmark}) and the peak heap of one long capture
 * ({@link org.attnplanes.bench.capture.CapturePeakHeap}).
 */
package org.attnplanes.bench.capture;
