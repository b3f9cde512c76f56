/**
 * Divergences between parts of attention graphs, computed as published: MTop-Div between the prompt and the
 * response of a decoder run (Bazarova et al. 2025, "TOHA") with its head selection ({@link
 * org.attnplanes.topology.divergence.MTopDiv}, {@link org.attnplanes.topology.divergence.HeadSelection}),
 * and cross-barcodes / representation topology divergence between two planes over the same tokens
 * (Barannikov et al. 2022, {@link org.attnplanes.topology.divergence.CrossBarcodes}).
 */
package org.attnplanes.topology.divergence;
