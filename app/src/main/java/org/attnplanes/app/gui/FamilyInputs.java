package org.attnplanes.app.gui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.workbench.EncoderDecoderAnalysis;
import org.attnplanes.app.workbench.ImageFigures;
import org.attnplanes.app.workbench.BudgetedCapture;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.BlockKind;
import org.attnplanes.graph.EncoderDecoderTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.ImageGrid;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.Cancellation;
import org.attnplanes.model.EncoderDecoderModel;

/**
 * The inputs of the two model families beside text: an encoder–decoder's target text and the block on screen
 * (encoder, decoder or cross: each drawn with its own plane colours, the cross planes in a bipartite layout of
 * targets and sources), and a vision transformer's image (drawn under the bottom plane of the patch grid) with the
 * attention-rollout overlay. {@link #capture} runs one input on a worker thread. FX thread otherwise.
 *
 * <p>Node ids: {@code #target}, {@code #block}, {@code #image}, {@code #image-name}, {@code #rollout}.
 */
final class FamilyInputs {

    /** What one run reads from these controls (taken on the FX thread). */
    record Input(String target, BlockKind block, Path image, boolean rollout) {
    }

    /** One capture: the trace to show, its picture or its pair, and the spec adjusted to it. */
    record Captured(AttentionTrace trace, GraphSpec spec, GuiView.Picture picture, EncoderDecoderTrace pair) {
    }

    private final TextField target = new TextField();
    private final ComboBox<BlockKind> block = new ComboBox<>();
    private final Button imageButton = new Button("Image…");
    private final Label imageName = new Label("no image");
    private final CheckBox rollout = new CheckBox("Rollout overlay");
    private final Supplier<Window> window;
    private final Consumer<String> status;
    private Path image;

    /**
     * @param blockChanged   runs after the user chose another block (show it from the pair on screen)
     * @param overlayChanged runs after the rollout overlay was toggled (redraw the scene)
     */
    FamilyInputs(Supplier<Window> window, Consumer<String> status, Consumer<BlockKind> blockChanged,
                 Runnable overlayChanged) {
        this.window = window;
        this.status = status;
        target.setId("target");
        target.setPromptText("Target text (encoder-decoder)…");
        target.setPrefColumnCount(18);
        target.setTooltip(new Tooltip("The target text an encoder-decoder's decoder is teacher-forced with; the text "
                + "field holds the source"));
        block.setId("block");
        block.getItems().addAll(BlockKind.ENCODER, BlockKind.DECODER, BlockKind.CROSS);
        block.setValue(BlockKind.CROSS);
        block.setConverter(new StringConverter<>() {
            @Override
            public String toString(BlockKind k) {
                return k == null ? "" : k.label() + " planes";
            }

            @Override
            public BlockKind fromString(String s) {
                return BlockKind.ofLabel(s.replace(" planes", ""));
            }
        });
        block.setTooltip(new Tooltip("Which block of an encoder-decoder to show: encoder self-attention (slate), "
                + "decoder self-attention (amber, causal) or cross-attention (green, targets × sources)"));
        block.setOnAction(e -> blockChanged.accept(block.getValue()));
        imageButton.setId("image");
        imageButton.setTooltip(new Tooltip("Choose the image (PNG or JPEG) a vision transformer reads; it is drawn "
                + "under the bottom plane"));
        imageButton.setOnAction(e -> chooseImage());
        imageName.setId("image-name");
        rollout.setId("rollout");
        rollout.setTooltip(new Tooltip("Blend the attention rollout from [CLS] to the patches (Abnar & Zuidema 2020)"
                + " into the picture"));
        rollout.setOnAction(e -> overlayChanged.run());
        setPair(false);
    }

    /** The controls, in toolbar order. */
    List<Node> controls() {
        return List.of(target, block, imageButton, imageName, rollout);
    }

    /** Enables the target text and the block choice for an encoder–decoder, disables them otherwise. */
    void setPair(boolean pair) {
        target.setDisable(!pair);
        block.setDisable(!pair);
    }

    /** Sets the image a vision transformer reads (null: none). */
    void setImage(Path file) {
        image = file;
        imageName.setText(file == null ? "no image" : String.valueOf(file.getFileName()));
        if (file != null) {
            status.accept("Image: " + file.getFileName() + " for a vision transformer; press Run.");
        }
    }

    /** Sets the target text. */
    void setTarget(String text) {
        target.setText(text);
    }

    /** Chooses the block shown (runs the block-changed action when it differs). */
    void setBlock(BlockKind kind) {
        block.setValue(kind);
    }

    /** Sets the rollout overlay (runs the overlay-changed action when it differs). */
    void setRollout(boolean on) {
        if (rollout.isSelected() != on) {
            rollout.setSelected(on);
            rollout.getOnAction().handle(null);
        }
    }

    /** Whether the rollout overlay is on. */
    boolean rollout() {
        return rollout.isSelected();
    }

    /** What a run reads now. */
    Input input() {
        return new Input(target.getText(), block.getValue(), image, rollout.isSelected());
    }

    private void chooseImage() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Choose an image for the vision transformer");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG or JPEG images", "*.png", "*.jpg",
                "*.jpeg", "*.PNG", "*.JPG", "*.JPEG"));
        File f = fc.showOpenDialog(window.get());
        if (f != null) {
            setImage(f.toPath());
        }
    }

    /**
     * Opens the chosen model (if needed) and captures one input, off the FX thread: an encoder–decoder reads the
     * text as source and {@code in.target()} as target and shows {@code in.block()}; a vision transformer reads
     * {@code in.image()} and shows its patch grid (layout GRID) with the picture; a text model reads the text.
     *
     * @throws UserInputException for a missing target or image, an image given to a text model or a pair, or what
     *                            opening and capturing refuse
     */
    static Captured capture(ModelChoice models, ModelChoice.Choice choice, Input in, String text, GraphSpec spec,
                            Cancellation c, Consumer<String> phase) {
        models.acquire();
        try {
            c.throwIfCancelled("the run");
            if (choice.pair()) {
                if (in.image() != null) {
                    throw new UserInputException("An image needs a vision transformer, not an encoder-decoder; clear "
                            + "it or open a vision transformer.");
                }
                EncoderDecoderModel m = models.openPair(choice);
                c.throwIfCancelled("the run");
                phase.accept("Capturing encoder, decoder and cross-attention…");
                EncoderDecoderTrace pair = EncoderDecoderAnalysis.capture(m, text, in.target(), "The source text",
                        "The target text");
                return new Captured(pair.block(in.block()), spec, null, pair);
            }
            AttentionModel m = models.open(choice);
            c.throwIfCancelled("the run");
            if (m.takesImages()) {
                if (in.image() == null) {
                    throw new UserInputException(m.modelPath().getFileName() + " is a vision transformer (it reads "
                            + "pixel_values); choose an image with Image… and press Run.");
                }
                phase.accept("Capturing " + in.image().getFileName() + "…");
                AttentionTrace t = Workbench.captureImage(m, in.image(), "The image", c);
                GuiView.Picture p = new GuiView.Picture(ImageFigures.seen(m, in.image()), in.rollout());
                return new Captured(t, spec.toBuilder().layout(LayoutKind.GRID).build(), p, null);
            }
            if (in.image() != null && (text == null || text.isBlank())) {
                throw new UserInputException(m.modelPath().getFileName() + " takes text, not images; type a "
                        + "sentence (or open a vision transformer for " + in.image().getFileName() + ").");
            }
            phase.accept("Capturing…");
            // over the "Max memory" budget the text is captured in passes over layer groups (same trace)
            BudgetedCapture.Captured captured = BudgetedCapture.capture(m, text, "The text", c);
            if (captured.passes() > 1) {
                phase.accept("Captured in " + captured.passes() + " passes over layer groups (over Max memory "
                        + choice.maxMemory().strip() + ")…");
            }
            AttentionTrace t = captured.trace();
            return new Captured(t, spec.layout() == LayoutKind.GRID ? spec.toBuilder().layout(LayoutKind.CIRCLE)
                    .build() : spec, null, null);
        } finally {
            models.release();
        }
    }

    /** A one-line description of the view, for the status line (block of a pair, grid of an image). */
    static String describe(GuiView v) {
        if (v.pair() != null) {
            String k = v.trace().block().label();
            return k + " block (" + switch (v.trace().block()) {
                case CROSS -> v.trace().targetCount() + " target × " + (v.trace().tokenCount()
                        - v.trace().targetCount()) + " source tokens, bipartite";
                case DECODER -> v.trace().tokenCount() + " target tokens, causal";
                default -> v.trace().tokenCount() + " source tokens";
            } + ")";
        }
        return ImageGrid.of(v.trace()).map(g -> "image " + g.rows() + " × " + g.cols() + " patches"
                + (v.picture() != null && v.picture().rollout() ? ", rollout overlay" : "")).orElse("")
                .toLowerCase(Locale.ROOT);
    }
}
