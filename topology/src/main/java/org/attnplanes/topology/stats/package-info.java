/**
 * Statistics of persistence barcodes: Betti numbers and curves, Euler characteristic curve, total
 * persistence, persistence entropy, long-bar counts ({@link org.attnplanes.topology.stats.BarcodeStatistics}).
 */
package org.attnplanes.topology.stats;
