/** Benchmarks of the research features (MTop-Div, cross-barcodes) against the published Python code. */
package org.attnplanes.bench.research;
