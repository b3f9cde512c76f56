/**
 * Writing results: the tidy {@code planes.csv} table (provenance as {@code #} comment lines),
 * {@code barcodes.json}, {@code provenance.json}, NPZ weight matrices, and the checkpoint that lets an interrupted
 * {@code analyze} run {@code --resume}. {@link org.attnplanes.app.export.OutputSet} checks every output of a run
 * before the work starts, stages the files and publishes them as a unit (with a manifest, the output folder
 * locked); single files are written atomically ({@link org.attnplanes.graph.io.AtomicFiles}). Which files a
 * command writes is decided in {@link org.attnplanes.app.results}.
 */
package org.attnplanes.app.export;
