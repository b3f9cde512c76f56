/**
 * Persistence benchmarks: {@link org.attnplanes.bench.persistence.PersistenceMain}, a minimal process that
 * computes barcodes of a ripser input file (used by {@code scripts/persistence-vs-ripser.sh} to time our engine
 * against the {@code ripser} binary, whole process vs whole process).
 */
package org.attnplanes.bench.persistence;
