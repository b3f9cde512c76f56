/**
 * The application layer: typed settings in, capture → multi-planar graph → topology statistics out. The command
 * line ({@code cli}) only parses options into these settings, the desktop app ({@code gui}) fills them from its
 * controls, and batch jobs (the Spark module) call the same classes; none of them implements a pipeline step.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link org.attnplanes.app.workbench.TopologySettings} — which statistics (thresholds, top homology
 *       dimension, clique sizes, features); validated, errors name the parameter
 *       ({@link org.attnplanes.app.common.UserInputException#parameter()}).
 *       Together with graph-core's {@link org.attnplanes.graph.GraphSpec} (how a trace becomes planes) they are
 *       the whole configuration; {@link org.attnplanes.app.workbench.HeadChoice} and
 *       {@link org.attnplanes.app.workbench.LayerSelections} read the head and layer choices users type.</li>
 *   <li>{@link org.attnplanes.app.workbench.Analysis} — one configuration's pipeline, thread-safe:
 *       {@code analyzeTexts(model, firstInput, texts)} captures a batch of texts with an already-open
 *       {@link org.attnplanes.model.AttentionModel} in one model call and returns a
 *       {@link org.attnplanes.app.workbench.BatchResult}: per analysed text a
 *       {@link org.attnplanes.app.workbench.TextResult} whose rows ({@link org.attnplanes.app.export.PlaneRecord})
 *       are the plane statistic rows of {@code planes.csv} with each plane's barcodes, plus the skipped texts
 *       with their reasons (bad texts never fail the batch). {@code analyze(input, trace)} does the same for a
 *       trace captured elsewhere; {@code settings()} is the provenance of the configuration;
 *       {@code stageSeconds()} the time spent per stage.</li>
 *   <li>{@link org.attnplanes.app.workbench.Workbench} — the single steps: open a model, capture one text,
 *       build a graph with layers/heads checked against the trace, a model's provenance.</li>
 *   <li>{@link org.attnplanes.app.workbench.CorpusRunner} — a corpus in length-sorted batches on N workers with
 *       checkpointing, through an {@code Analysis}.</li>
 * </ul>
 *
 * <p>A Spark job, per partition: open the model once ({@code Workbench.open(file, options)}), make one
 * {@code Analysis} with {@code threads = 1}, and for each batch of texts call {@code analyzeTexts}, turning
 * {@code BatchResult.rows()} into rows (the column names are {@code row.stats().keySet()}, the same for every row
 * of one configuration) and {@code row.barcodes()} into barcode records.
 *
 * <p>The result files of the commands (provenance, tables, barcodes, figures) are written by the output side of
 * the layer, {@link org.attnplanes.app.results}, which uses this package and {@code plot}.
 *
 * <p>Package dependencies inside the app (checked by {@code AppPackageCyclesTest}): {@code common} ← {@code corpus}
 * ← {@code export} ← {@code plot}; {@code workbench} uses {@code common}, {@code corpus}, {@code export};
 * {@code results} uses those, {@code workbench} and {@code plot}; {@code gui} uses {@code workbench} and the packages
 * below it; {@code cli} uses all of them (it launches {@code gui}), and no package uses {@code cli}.
 */
package org.attnplanes.app.workbench;
