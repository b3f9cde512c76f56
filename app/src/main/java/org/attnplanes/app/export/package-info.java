/**
 * Writing results: the tidy {@code planes.csv} table (provenance as {@code #} comment lines),
 * {@code barcodes.json}, {@code provenance.json}, and the checkpoint that lets an interrupted
 * {@code analyze} run {@code --resume}. Every file is written atomically
 * ({@link org.attnplanes.graph.io.AtomicFiles}).
 */
package org.attnplanes.app.export;
