/**
 * Research plots with JFreeChart, exported as PNG and SVG (JFreeSVG) with provenance metadata:
 * Betti curves per layer, persistence diagrams, barcodes, clique-count histograms and a
 * layer × head heat map of any per-head statistic. Every plot has a title, axis labels and a legend.
 * The builders return {@link org.jfree.chart.JFreeChart} objects, so the desktop app can show the same
 * charts in a {@code ChartViewer}.
 */
package org.attnplanes.app.plot;
