package org.attnplanes.app.gui;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.attnplanes.app.common.Problems;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.workbench.LayoutCache;
import org.attnplanes.app.workbench.TopologyCache;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.model.Cancellation;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.fx.AttentionView;
import org.attnplanes.render.fx.EdgeDetails;
import org.attnplanes.render.fx.NodeDetails;
import org.attnplanes.topology.persistence.Barcodes;

/**
 * The main window of the desktop app. Toolbar: open a model (file chooser or the embedded default), the text,
 * run and cancel with a progress indicator, export buttons. Left: view options (layers, head reduction,
 * symmetrization, normalization, encodings, pruning threshold and top-k, links, layout). Centre: render-fx's
 * {@link AttentionView}. Right: details of the picked node or edge. Bottom: the per-plane topology table, the
 * Betti-curve chart and the barcode of the selected plane; clicking a bar highlights its representative
 * (co)cycle in the view. Errors appear as one sentence in the status line. Build on the FX thread.
 *
 * <p>Node ids for tests and scripting: {@code #model}, {@code #text}, {@code #run}, {@code #cancel},
 * {@code #progress}, {@code #view}, {@code #details}, {@code #status}, {@code #planes}, {@code #betti},
 * {@code #barcode}, {@code #threshold}.
 */
public final class MainWindow {

    private final BorderPane root = new BorderPane();
    private final AttentionView view = new AttentionView();
    private final TextField text = new TextField();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label status = new Label("Type a sentence and press Run.");
    private final TextArea details = new TextArea();
    private final ViewOptionsPanel options = new ViewOptionsPanel(this::rebuild);
    private final TopologyPanel topology;
    private final TopologyJobs topologyJobs;
    /** The statistics the app shows: the default thresholds, H0 and H1, cliques up to 3, no features. */
    static final TopologySettings TOPOLOGY = new TopologySettings(TopologySettings.DEFAULT_THRESHOLDS, 1, 3, false,
            false);
    private final ReadOnlyObjectWrapper<GuiAnalysis> analysis = new ReadOnlyObjectWrapper<>();
    private final SimpleObjectProperty<Task<?>> running = new SimpleObjectProperty<>();
    private final ModelChoice models;
    private final FamilyInputs inputs;
    private final ExportActions exports = new ExportActions(this);
    private final HeadGridTab grid = new HeadGridTab(this::selectHead);
    /** Plane positions of the trace on screen, kept across view changes (an MDS layout is computed once). */
    private final LayoutCache layouts = new LayoutCache();
    private final TabPane tabs = new TabPane();
    private final Tab gridTab = new Tab("Per-head grid", grid.node());
    private volatile int gridGeneration;      // written on the FX thread

    private Cancellation cancellation;        // of the running task; FX thread only
    private AttentionTrace trace;
    private GuiView current;                  // the view on screen; FX thread only
    private boolean rebuildPending;           // a view option changed while a task ran; FX thread only
    private int pendingLayer = -1;            // a grid cell's layer to select once its head's topology shows

    /** Builds the window's content (on the FX thread); {@code modelFile} null means the embedded default. */
    public MainWindow(Path modelFile, String initialText) {
        this(modelFile, initialText, new TopologyCache(Runtime.getRuntime().availableProcessors()));
    }

    /** As above, with the topology cache to use (tests pass one whose computer counts its calls). */
    MainWindow(Path modelFile, String initialText, TopologyCache cache) {
        this.models = new ModelChoice(modelFile, this::window, status::setText, this::modelChanged);
        this.inputs = new FamilyInputs(this::window, status::setText, this::showBlock, this::rebuild);
        inputs.setPair(models.choice().pair());
        this.topologyJobs = new TopologyJobs(cache, TOPOLOGY, this::updateBusy);
        this.topology = new TopologyPanel(view, status::setText, this::findRepresentatives);
        text.setText(initialText == null ? "" : initialText);
        root.setTop(toolbar());
        root.setLeft(options.node());
        view.setId("view");
        view.setMinSize(300, 200);
        details.setId("details");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefColumnCount(22);
        details.setText("Click a node or an edge.");
        VBox right = new VBox(6, new Label("Details"), details);
        right.setPadding(new Insets(6));
        VBox.setVgrow(details, Priority.ALWAYS);
        SplitPane centre = new SplitPane();
        centre.setOrientation(Orientation.VERTICAL);
        Tab viewTab = new Tab("3D view", view);
        viewTab.setClosable(false);
        gridTab.setClosable(false);
        gridTab.setId("grid-tab");
        tabs.getTabs().addAll(viewTab, gridTab);
        gridTab.selectedProperty().addListener((o, a, on) -> refreshGrid());
        centre.getItems().addAll(tabs, topology.node());
        centre.setDividerPositions(0.62);
        root.setCenter(centre);
        root.setRight(right);
        status.setId("status");
        status.setPadding(new Insets(4, 8, 4, 8));
        root.setBottom(status);
        view.selectedNodeProperty().addListener((o, a, n) -> showNode(n));
        view.selectedEdgeProperty().addListener((o, a, e) -> showEdge(e));
        view.thresholdProperty().bind(options.thresholdProperty());
        options.thresholdProperty().addListener((o, a, v) -> {
            topology.moveThresholdMarker(v.doubleValue());
            refreshGrid();
        });
    }

    /** The window's root node. */
    public Parent root() {
        return root;
    }

    /** The 3D view. */
    public AttentionView view() {
        return view;
    }

    /** The latest analysis (null before the first run), observable. */
    public ReadOnlyObjectProperty<GuiAnalysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    /**
     * Releases the model (call when the window closes). Waits for a cancelled worker that is still leaving the
     * model (a cancelled ONNX Runtime run stops within tens of milliseconds).
     */
    public void close() {
        if (cancellation != null) {
            cancellation.cancel();
        }
        topologyJobs.cancel();
        models.close();
    }

    /** Whether a worker is opening or capturing with the model right now (for tests). */
    boolean modelInUse() {
        return models.inUse();
    }

    /** The model, tokenizer and truncation choice. */
    ModelChoice models() {
        return models;
    }

    /** The target text, block, image and overlay of encoder–decoders and vision transformers. */
    FamilyInputs inputs() {
        return inputs;
    }

    /** After the model choice changed: the trace on screen is no longer of it; pair inputs follow the choice. */
    private void modelChanged() {
        trace = null;
        if (inputs != null) {
            inputs.setPair(models.choice().pair());
        }
    }

    /** Shows another block of the encoder–decoder on screen (FX thread). */
    private void showBlock(org.attnplanes.graph.BlockKind kind) {
        if (current != null && current.pair() != null && trace != null) {
            trace = current.pair().block(kind);
            rebuild();
        }
    }

    /** Two rows: model, tokenizer, truncation and exports; then the text with Run and Cancel. */
    private VBox toolbar() {
        text.setId("text");
        text.setPromptText("Type a sentence…");
        text.setPrefColumnCount(40);
        text.setOnAction(e -> runCapture());
        HBox.setHgrow(text, Priority.ALWAYS);
        run.setId("run");
        run.setDefaultButton(true);
        run.setOnAction(e -> runCapture());
        cancel.setId("cancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> cancelRun());
        progress.setId("progress");
        progress.setPrefSize(22, 22);
        progress.setVisible(false);
        Button exportFigure = new Button("Export figure…");
        exportFigure.setOnAction(e -> exports.figure());
        Button exportStats = new Button("Export statistics…");
        exportStats.setOnAction(e -> exports.statistics());
        Button exportHtml = new Button("Export HTML…");
        exportHtml.setId("export-html");
        exportHtml.setOnAction(e -> exports.html());
        ToolBar modelBar = new ToolBar();
        modelBar.getItems().addAll(models.controls());
        modelBar.getItems().addAll(new Separator(), exportFigure, exportHtml, exportStats);
        ToolBar inputBar = new ToolBar(text, run, cancel, progress, new Separator());
        inputBar.getItems().addAll(inputs.controls());
        return new VBox(modelBar, inputBar);
    }

    /** The graph spec of the side panel. */
    GraphSpec graphSpec() {
        return options.graphSpec();
    }

    /** The graph spec of the side panel, or null after showing why it is not valid. */
    private GraphSpec graphSpecOrError() {
        try {
            return graphSpec();
        } catch (RuntimeException e) {
            error(Problems.message(e));
            return null;
        }
    }

    /** The encoding of the side panel (opacity when nothing is ticked). */
    EncodingSpec encodingSpec() {
        return options.encodingSpec();
    }

    /** Captures the text (opening the model first if needed) and analyses it, off the FX thread. */
    public void runCapture() {
        String t = text.getText();
        FamilyInputs.Input in = inputs.input();
        if ((t == null || t.isBlank()) && in.image() == null) {
            error("The text is empty; type a sentence to analyse.");
            return;
        }
        GraphSpec spec = graphSpecOrError();
        if (spec == null) {
            return;
        }
        EncodingSpec enc = encodingSpec();
        // value-weighted links need the value-vector norms: captured only when the links ask for them
        ModelChoice.Choice choice = models.choice().withValueNorms(spec.links().contains(LinkKind.VALUE_WEIGHTED));
        start("Opening the model…", (c, phase) -> {
            FamilyInputs.Captured cap = FamilyInputs.capture(models, choice, in, t, spec, c, phase);
            c.throwIfCancelled("the run");
            phase.accept("Building the view…");
            return GuiView.build(cap.trace(), cap.spec(), enc, cap.picture(), cap.pair(), layouts);
        });
    }

    /**
     * Shows the current trace under the side panel's options after one changed: the scene only for an encoding,
     * graph and scene for the other options, topology only for the planes whose weights changed (from the cache
     * otherwise). A change while a task runs is applied when it ends.
     */
    void rebuild() {
        if (trace == null) {
            return;
        }
        if (running.get() != null) {
            rebuildPending = true;
            return;
        }
        GraphSpec spec = graphSpecOrError();
        if (spec == null) {
            return;
        }
        if (spec.links().contains(LinkKind.VALUE_WEIGHTED) && trace.valueNorms().isEmpty()) {
            // the trace on screen was captured without value-vector norms: capture again with them
            runCapture();
            return;
        }
        EncodingSpec enc = encodingSpec();
        AttentionTrace tr = trace;
        GuiView shown = current;
        GuiView.Picture pic = shown == null || shown.picture() == null ? null
                : shown.picture().withRollout(inputs.rollout());
        var pair = shown == null ? null : shown.pair();
        if (shown != null && shown.trace() == tr && shown.graph().spec().equals(spec)) {
            start("Redrawing…", (c, phase) -> shown.withEncoding(enc, pic));
        } else {
            start("Rebuilding…", (c, phase) -> GuiView.build(tr, spec, enc, pic, pair, layouts));
        }
    }

    /** Work of one run, off the FX thread: checks {@code c}, reports its phase as a status line. */
    @FunctionalInterface
    private interface Job {
        GuiView run(Cancellation c, Consumer<String> phase);
    }

    /** Test hook: runs on the worker thread at each phase of a run, before the status line shows it. */
    volatile Consumer<String> onWorkerPhase = phase -> { };
    private volatile Thread worker;

    /** Waits until the last worker thread has ended (for tests); true when it has. */
    boolean awaitWorker(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException {
        Thread t = worker;
        if (t != null) {
            t.join(Math.max(1, unit.toMillis(timeout)));
        }
        return t == null || !t.isAlive();
    }

    /** The status line after Cancel. */
    static final String CANCELLED = "Cancelled: the run was stopped and nothing changed; press Run to start again.";

    /**
     * Cancels the running task: the UI is ready again at once; the worker stops at its next check (an ONNX
     * Runtime run in flight is terminated within tens of milliseconds) and its result, if any, is dropped.
     */
    void cancelRun() {
        Task<?> t = running.get();
        if (topologyJobs.busy()) {
            topologyJobs.cancel();
            status.setText(CANCELLED);
        }
        if (t == null) {
            return;
        }
        cancellation.cancel();
        // no interrupt: an interrupt could hit the ONNX Runtime native-library loading of a first model open
        t.cancel(false);
    }

    private void start(String what, Job work) {
        Cancellation c = new Cancellation();
        Task<GuiView> task = new Task<>() {
            @Override
            protected GuiView call() {
                return work.run(c, phase -> {
                    onWorkerPhase.accept(phase);
                    fx(() -> {
                        if (running.get() == this && !c.isCancelled()) {
                            status.setText(phase);
                        }
                    });
                });
            }
        };
        task.setOnSucceeded(e -> {
            finish();
            show(task.getValue());
        });
        task.setOnFailed(e -> {
            finish();
            if (task.getException() instanceof CancellationException) {
                status.setText(CANCELLED);
            } else {
                error(Problems.message(task.getException()));
            }
        });
        task.setOnCancelled(e -> {
            finish();
            status.setText(CANCELLED);
        });
        cancellation = c;
        running.set(task);
        run.setDisable(true);
        updateBusy();
        status.setText(what);
        Thread th = new Thread(task, "attnplanes-gui-task");
        th.setDaemon(true);
        worker = th;
        th.start();
    }

    private void finish() {
        running.set(null);
        cancellation = null;
        run.setDisable(false);
        updateBusy();
    }

    /** Cancel and the progress indicator follow the running task and the topology computation. */
    private void updateBusy() {
        boolean busy = running.get() != null || topologyJobs.busy();
        cancel.setDisable(!busy);
        progress.setVisible(busy);
    }

    /**
     * Shows a view: the camera stays where the user put it when the trace is the one on screen (an option
     * changed); a new trace starts from its scene's camera. Then asks for its topology.
     */
    private void show(GuiView v) {
        // the camera stays for another view of the trace on screen, or a recapture of the same tokens (e.g. with
        // value-vector norms); a new text starts from its scene's camera
        boolean sameTrace = current != null && (current.trace() == v.trace()
                || current.trace().tokens().equals(v.trace().tokens()));
        trace = v.trace();
        current = v;
        options.setHeadCount(v.trace().heads());
        options.showLayout(v.graph().spec().layout());
        if (sameTrace) {
            view.replaceScene3D(v.scene());
        } else {
            view.setScene3D(v.scene());
        }
        String family = FamilyInputs.describe(v);
        String drawn = (family.isEmpty() ? "" : family + ": ") + v.trace().tokenCount() + " tokens, "
                + v.graph().planes().size() + " planes, " + v.scene().edges().size() + " edges drawn.";
        status.setText(drawn + " Computing topology…");
        topology.showing(v);
        refreshGrid();
        topologyJobs.request(v, rows -> {
            if (current != v) {
                return;
            }
            GuiAnalysis a = new GuiAnalysis(v.trace(), v.graph(), v.scene(), rows);
            topology.show(a, options.thresholdProperty().get());
            if (pendingLayer >= 0) {
                topology.selectLayer(pendingLayer);
                pendingLayer = -1;
            }
            analysis.set(a);
            status.setText(drawn + " Click a node for details, a bar to highlight its cycle.");
        }, this::error);
        if (rebuildPending) {
            rebuildPending = false;
            rebuild();
        }
    }

    /** Draws the per-head grid of the trace on screen under the side panel's options, when its tab is shown. */
    private void refreshGrid() {
        if (!gridTab.isSelected() || trace == null) {
            return;
        }
        GraphSpec spec = graphSpecOrError();
        if (spec == null) {
            return;
        }
        AttentionTrace tr = trace;
        EncodingSpec enc = encodingSpec();
        double threshold = options.thresholdProperty().get();
        int generation = ++gridGeneration;
        Thread t = new Thread(() -> {
            try {
                if (generation != gridGeneration) {
                    return;                   // a later change asked again (e.g. while dragging the threshold)
                }
                HeadGridTab.Drawn d = HeadGridTab.draw(tr, spec, enc, threshold, layouts);
                fx(() -> {
                    if (generation == gridGeneration) {
                        grid.show(d);
                    }
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                String m = Problems.message(e);
                fx(() -> error(m));
            }
        }, "attnplanes-gui-grid");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A click on the per-head grid's cell of ({@code layer}, {@code head}): the 3D view shows that head (the Heads
     * option) and, once its topology is shown, that layer's plane is selected in the table (its barcode shown).
     */
    void selectHead(int layer, int head) {
        if (head < 0) {
            return;
        }
        tabs.getSelectionModel().select(0);
        status.setText("Layer " + layer + ", head " + head + " (from the per-head grid).");
        pendingLayer = layer;
        if (!options.selectHead(head)) {
            // the head is on screen already: select the layer now when its topology is shown
            if (analysis.get() != null && current != null && analysis.get().graph() == current.graph()) {
                topology.selectLayer(layer);
                pendingLayer = -1;
            }
        }
    }

    /** The per-head grid tab (for tests). */
    HeadGridTab headGrid() {
        return grid;
    }

    /** Representative cycles of one plane of the analysis on screen, found off the FX thread. */
    private void findRepresentatives(GuiAnalysis a, int plane, Consumer<Barcodes> onFound) {
        if (current == null || current.graph() != a.graph()) {
            return;
        }
        status.setText("Finding the representative cycles of plane " + plane + "…");
        topologyJobs.representatives(current, plane, onFound, this::error);
    }

    /** The view on screen (null before the first run). */
    GuiView currentView() {
        return current;
    }

    /** The topology computations (for tests). */
    TopologyJobs topologyJobs() {
        return topologyJobs;
    }

    private void showNode(NodeDetails n) {
        if (n == null) {
            return;
        }
        details.setText("token: " + n.label() + "\nlayer: " + n.layer() + " (plane " + n.plane() + ")"
                + "\nposition: " + n.token()
                + "\nstrongest incoming: " + n.strongestInLabel() + " (" + TidyTableWriter.format(n.strongestInWeight()) + ")"
                + "\nstrongest outgoing: " + n.strongestOutLabel() + " (" + TidyTableWriter.format(n.strongestOutWeight()) + ")");
    }

    private void showEdge(EdgeDetails e) {
        if (e == null) {
            return;
        }
        var s = e.edge();
        details.setText("edge: " + e.sourceLabel() + " — " + e.targetLabel() + "\nlayer: " + s.layer() + ", head "
                + s.headLabel() + "\nraw weight: " + TidyTableWriter.format(s.rawWeight())
                + "\nnormalized weight: " + TidyTableWriter.format(s.weight()));
    }

    /** Shows a one-line status message. */
    void status(String message) {
        status.setText(message);
    }

    /** Shows a one-sentence error in the status line. */
    void error(String message) {
        status.setText("Error: " + Problems.message(new UserInputException(message)));
    }

    /** The window holding this content, or null. */
    Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    /** Runs {@code r} on the FX thread (now when already on it). */
    static void fx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
