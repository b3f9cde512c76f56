/**
 * Per-head features of Kushnareva et al. 2021 (EMNLP, "Artificial Text Detection via Examining the Topology
 * of Attention Maps"): threshold-graph features ({@link org.attnplanes.topology.features.ThresholdGraphFeatures}),
 * barcode features ({@link org.attnplanes.topology.features.BarcodeFeatures}) and distances to attention
 * patterns ({@link org.attnplanes.topology.features.PatternDistances}), each returned as a named
 * {@link org.attnplanes.topology.features.FeatureVector}, following our pipeline or the published one
 * ({@link org.attnplanes.topology.features.FeatureReference}); and the research features chosen with
 * {@link org.attnplanes.topology.features.ResearchFeatures}: matching number and chordality of the threshold
 * graphs (Proskurina et al. 2023, {@link org.attnplanes.topology.features.MatchingChordalityFeatures}) and the
 * top Laplacian eigenvalues of the multi-layer graph (LapEigvals, {@link org.attnplanes.topology.features.LapEigvals}).
 */
package org.attnplanes.topology.features;
