/**
 * The corpus run of {@code attnplanes analyze} outside the per-plane statistics (issue 16): {@link
 * org.attnplanes.bench.corpus.OutputStagesMain} times what a full run adds after the statistics of every plane
 * are known (the checkpoint parts, {@code planes.csv}, {@code barcodes.json}, their hashes), on the rows of a real
 * corpus; {@code benchmarks/scripts/analyze-vs-capture-only.sh} and {@code analyze-ab.sh} measure whole processes.
 */
package org.attnplanes.bench.corpus;
