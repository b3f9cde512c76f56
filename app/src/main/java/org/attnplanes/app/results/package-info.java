/**
 * The output side of the application layer: the result files of {@code analyze}, {@code demo}, {@code compare} and
 * {@code series} (their provenance, tables, barcodes, figures), written into an
 * {@link org.attnplanes.app.export.OutputSet} from typed inputs. The command line only parses options and prints
 * what was written; the desktop app or a batch job can write the same files by calling the same classes.
 *
 * <p>Uses {@code workbench} (the pipeline), {@code export} (writers), {@code plot} (charts) and render (figures);
 * only {@code cli} (and other user interfaces) use this package.
 */
package org.attnplanes.app.results;
