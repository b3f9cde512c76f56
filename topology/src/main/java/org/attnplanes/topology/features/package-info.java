/**
 * Per-head features of Kushnareva et al. 2021 (EMNLP, "Artificial Text Detection via Examining the Topology
 * of Attention Maps"): threshold-graph features ({@link org.attnplanes.topology.features.ThresholdGraphFeatures}),
 * barcode features ({@link org.attnplanes.topology.features.BarcodeFeatures}) and distances to attention
 * patterns ({@link org.attnplanes.topology.features.PatternDistances}), each returned as a named
 * {@link org.attnplanes.topology.features.FeatureVector}.
 */
package org.attnplanes.topology.features;
