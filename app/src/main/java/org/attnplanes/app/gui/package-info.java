/**
 * The AttentionPlanes desktop app (JavaFX): open a model, type a text, run capture, graph and topology off
 * the FX thread, explore the 3D multi-planar view (render-fx's {@code AttentionView}), per-layer topology with
 * Betti curves and barcodes (JFreeChart in JavaFX), and export figures and statistics.
 */
package org.attnplanes.app.gui;
