package org.attnplanes.app.gui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.workbench.HeadChoice;
import org.attnplanes.app.workbench.LayerSelections;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;

/**
 * The left panel of the {@link MainWindow}: how a trace becomes a graph and a scene (layers, head reduction,
 * symmetrization, normalization, layout, edge-weight encodings, top-k pruning, links between planes) and the
 * live display threshold. {@link #graphSpec()} and {@link #encodingSpec()} read it; every change but the
 * threshold calls the {@code onChange} action. FX thread only.
 */
final class ViewOptionsPanel {

    private final TextField layers = new TextField("all");
    private final ComboBox<String> heads = new ComboBox<>();
    private final ComboBox<Symmetrization> symmetrization = new ComboBox<>();
    private final ComboBox<Normalization> normalization = new ComboBox<>();
    private final ComboBox<LayoutKind> layout = new ComboBox<>();
    private final Map<Encoding, CheckBox> encodings = new LinkedHashMap<>();
    private final Map<LinkKind, CheckBox> links = new LinkedHashMap<>();
    private final Slider threshold = new Slider(0, 1, 0.05);
    private final Label thresholdValue = new Label();
    private final ComboBox<Integer> topK = new ComboBox<>();
    private final Parent node;
    private boolean updating;

    /** The panel; {@code onChange} runs after any option but the threshold changed (not while updating heads). */
    ViewOptionsPanel(Runnable onChange) {
        Runnable changed = () -> {
            if (!updating) {
                onChange.run();
            }
        };
        heads.setId("heads");
        symmetrization.setId("symmetrization");
        normalization.setId("normalization");
        layout.setId("layout");
        layers.setId("layers");
        heads.getItems().addAll("mean", "max", "per-head");
        heads.setValue("mean");
        symmetrization.getItems().addAll(Symmetrization.values());
        symmetrization.setValue(Symmetrization.SUM);
        normalization.getItems().addAll(Normalization.values());
        normalization.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Normalization n) {
                // the human name the legends use ("global min–max of |w| over all planes")
                return n == null ? "" : org.attnplanes.render.SceneBuilder.normalizationName(GraphSpec.builder()
                        .normalization(n).build());
            }

            @Override
            public Normalization fromString(String s) {
                for (Normalization n : Normalization.values()) {
                    if (toString(n).equals(s)) {
                        return n;
                    }
                }
                return null;
            }
        });
        normalization.setValue(Normalization.GLOBAL_ABS_MINMAX);
        layout.getItems().addAll(LayoutKind.values());
        layout.setValue(LayoutKind.CIRCLE);
        topK.getItems().addAll(0, 1, 2, 3, 4, 6, 8, 12, 16);
        topK.setValue(4);
        topK.setId("topk");
        VBox encBox = new VBox(3);
        for (Encoding e : List.of(Encoding.OPACITY, Encoding.COLOUR, Encoding.WIDTH, Encoding.LENGTH)) {
            CheckBox c = new CheckBox(e.name().toLowerCase(Locale.ROOT));
            c.setId("encoding-" + e.name().toLowerCase(Locale.ROOT));
            c.setSelected(e == Encoding.OPACITY || e == Encoding.WIDTH);
            c.setOnAction(x -> changed.run());
            encodings.put(e, c);
            encBox.getChildren().add(c);
        }
        VBox linkBox = new VBox(3);
        for (LinkKind k : List.of(LinkKind.RESIDUAL, LinkKind.ATTENTION, LinkKind.ROLLOUT, LinkKind.VALUE_WEIGHTED)) {
            CheckBox c = new CheckBox(k == LinkKind.VALUE_WEIGHTED ? "value-weighted ‖α v‖"
                    : k.name().toLowerCase(Locale.ROOT));
            c.setId("links-" + k.name().toLowerCase(Locale.ROOT));
            c.setSelected(k == LinkKind.RESIDUAL);
            c.setOnAction(x -> changed.run());
            links.put(k, c);
            linkBox.getChildren().add(c);
        }
        threshold.setId("threshold");
        threshold.setShowTickMarks(true);
        threshold.setMajorTickUnit(0.25);
        thresholdValue.textProperty().bind(threshold.valueProperty().asString("display threshold w ≥ %.2f"));
        layers.setOnAction(e -> changed.run());
        for (ComboBox<?> c : List.of(heads, symmetrization, normalization, layout, topK)) {
            c.setOnAction(e -> changed.run());
            c.setMaxWidth(Double.MAX_VALUE);
        }
        VBox box = new VBox(5,
                new Label("Layers (all, 2..5, 0,3)"), layers,
                new Label("Heads"), heads,
                new Label("Symmetrization"), symmetrization,
                new Label("Normalization"), normalization,
                new Label("Layout"), layout,
                new Separator(), new Label("Edge-weight encoding"), encBox,
                new Separator(), new Label("Pruning: top-k per token (0 = off)"), topK, thresholdValue, threshold,
                new Separator(), new Label("Links between planes"), linkBox);
        box.setPadding(new Insets(8));
        box.setPrefWidth(210);
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        node = sp;
    }

    /** The panel's node. */
    Parent node() {
        return node;
    }

    /** The live display threshold (|w| below it is hidden), in [0, 1]. */
    DoubleProperty thresholdProperty() {
        return threshold.valueProperty();
    }

    /** Offers "head 0" … "head h−1" besides mean, max and per-head, keeping the choice when it still exists. */
    void setHeadCount(int h) {
        if (heads.getItems().size() == 3 + h) {
            return;
        }
        updating = true;
        try {
            String sel = heads.getValue();
            List<String> items = new ArrayList<>(List.of("mean", "max", "per-head"));
            for (int i = 0; i < h; i++) {
                items.add("head " + i);
            }
            heads.getItems().setAll(items);
            heads.setValue(items.contains(sel) ? sel : "mean");
        } finally {
            updating = false;
        }
    }

    /**
     * Chooses head {@code h} in the Heads option (a rebuild follows through the change action); false when it
     * was chosen already.
     */
    boolean selectHead(int h) {
        String item = "head " + h;
        if (item.equals(heads.getValue())) {
            return false;
        }
        heads.setValue(item);
        return true;
    }

    /** Shows {@code kind} as the chosen layout without running the change action (the view already uses it). */
    void showLayout(LayoutKind kind) {
        updating = true;
        try {
            layout.setValue(kind);
        } finally {
            updating = false;
        }
    }

    /** The graph spec of the panel; a bad layer selection throws naming the "Layers" field. */
    GraphSpec graphSpec() {
        GraphSpec.Builder b = GraphSpec.builder().classifier(false);
        try {
            b.layers(LayerSelections.parse(layers.getText()));
        } catch (UserInputException e) {
            throw e.labelled("Layers");
        }
        String h = heads.getValue() == null ? "mean" : heads.getValue();
        HeadChoice.parse(h.replace("head ", "")).applyTo(b);
        b.symmetrization(symmetrization.getValue()).normalization(normalization.getValue()).layout(layout.getValue());
        if (topK.getValue() != null && topK.getValue() > 0) {
            b.topK(topK.getValue());
        }
        List<LinkKind> chosen = new ArrayList<>();
        links.forEach((k, c) -> {
            if (c.isSelected()) {
                chosen.add(k);
            }
        });
        b.links(chosen.toArray(new LinkKind[0]));
        return b.build();
    }

    /** The encoding of the panel (opacity when nothing is ticked). */
    EncodingSpec encodingSpec() {
        List<Encoding> chosen = new ArrayList<>();
        encodings.forEach((e, c) -> {
            if (c.isSelected()) {
                chosen.add(e);
            }
        });
        if (chosen.isEmpty()) {
            chosen.add(Encoding.OPACITY);
        }
        return EncodingSpec.of(chosen.get(0), chosen.subList(1, chosen.size()).toArray(new Encoding[0]));
    }
}
