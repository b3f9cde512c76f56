package org.attnplanes.app.gui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.workbench.EncoderDecoderAnalysis;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.app.common.MemorySize;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.EncoderDecoderModel;

/**
 * The model part of the desktop app's toolbar and the open model: the ONNX file (or the embedded default), or an
 * encoder–decoder (a folder in optimum's layout, or an encoder file plus a decoder file), a tokenizer.json picked
 * for a chosen model (default: the one next to the model), and truncation of over-long text to a number of tokens.
 * The model is opened on a worker thread and reopened when the choice changed.
 *
 * <p>Node ids: {@code #model}, {@code #model-folder}, {@code #decoder}, {@code #tokenizer}, {@code #truncate},
 * {@code #max-tokens}.
 */
final class ModelChoice {

    /** Largest "truncate to" value offered (the usual BERT-family position limit). */
    static final int MAX_TOKENS = 4096;
    /** Default "truncate to" value. */
    static final int DEFAULT_MAX_TOKENS = 512;

    /**
     * What the next run opens.
     *
     * @param model     the ONNX file, or null for the embedded default
     * @param tokenizer the tokenizer.json, or null for the model's own
     * @param truncate  whether over-long text is truncated to {@code maxTokens}
     * @param maxTokens the token limit when truncating
     * @param decoder   the decoder of an encoder–decoder whose encoder is {@code model}, or null
     * @param valueNorms whether captures also record the value-vector norms (value-weighted links need them)
     * @param maxMemory  the "Max memory" field as typed (blank: the default, a quarter of the heap): the budget
     *                   over which a text is captured in passes over layer groups, as {@code --max-memory}
     */
    record Choice(Path model, Path tokenizer, boolean truncate, int maxTokens, Path decoder, boolean valueNorms,
                  String maxMemory) {

        /** This choice capturing value-vector norms or not (a different choice reopens the model). */
        Choice withValueNorms(boolean on) {
            return on == valueNorms ? this : new Choice(model, tokenizer, truncate, maxTokens, decoder, on, maxMemory);
        }

        /** Whether this names an encoder–decoder (a decoder file, or a folder as the model). */
        boolean pair() {
            return EncoderDecoderAnalysis.isPair(model, decoder);
        }

        /** The capture options of this choice. */
        CaptureOptions options() {
            CaptureOptions.Builder b = CaptureOptions.builder().tokenizer(tokenizer).truncate(truncate)
                    .valueNorms(valueNorms);
            if (truncate) {
                b.maxTokens(maxTokens);
            }
            if (maxMemory != null && !maxMemory.isBlank()) {
                b.maxMemory(MemorySize.parse("Max memory", maxMemory));
            }
            return b.build();
        }
    }

    private final Label label = new Label();
    private final Button tokenizerButton = new Button("Tokenizer…");
    private final Button decoderButton = new Button("Decoder…");
    private final CheckBox truncate = new CheckBox("Truncate to");
    private final Spinner<Integer> maxTokens = new Spinner<>(2, MAX_TOKENS, DEFAULT_MAX_TOKENS, 16);
    private final TextField maxMemory = new TextField();
    private final Supplier<Window> window;
    private final Consumer<String> status;
    /** Held by a worker while it opens or captures with {@link #model}, and by {@link #close()}. */
    private final ReentrantLock lock = new ReentrantLock();
    private Path modelFile;
    private Path tokenizerFile;
    private Path decoderFile;
    private AttentionModel model;             // guarded by lock
    private EncoderDecoderModel pairModel;    // guarded by lock
    private Choice openedWith;                // guarded by lock

    /**
     * @param modelFile the initial model (null: the embedded default)
     * @param status    shows a one-line message
     * @param changed   runs after the model or tokenizer changed (the trace on screen is no longer of them)
     */
    ModelChoice(Path modelFile, Supplier<Window> window, Consumer<String> status, Runnable changed) {
        this.modelFile = modelFile;
        this.window = window;
        this.status = m -> {
            changed.run();
            status.accept(m);
        };
        tokenizerButton.setId("tokenizer");
        tokenizerButton.setTooltip(new Tooltip("Choose the tokenizer.json of the chosen model (default: the one"
                + " next to the model file)"));
        tokenizerButton.setOnAction(e -> chooseTokenizer());
        decoderButton.setId("decoder");
        decoderButton.setTooltip(new Tooltip("Choose the decoder (decoder_model.onnx or decoder_model_merged.onnx) "
                + "of an encoder-decoder whose encoder is the chosen model"));
        decoderButton.setOnAction(e -> chooseDecoder());
        truncate.setId("truncate");
        truncate.setTooltip(new Tooltip("Cut text longer than this many tokens instead of refusing it"));
        maxTokens.setId("max-tokens");
        maxTokens.setEditable(true);
        maxTokens.setPrefWidth(80);
        maxTokens.disableProperty().bind(truncate.selectedProperty().not());
        maxMemory.setId("max-memory");
        maxMemory.setPromptText("Max memory");
        maxMemory.setPrefColumnCount(6);
        maxMemory.setTooltip(new Tooltip("Heap budget for the captured attention, e.g. 512m or 2g (empty: a quarter"
                + " of the heap); a text whose layers need more is captured in several passes over layer groups,"
                + " with the same result"));
        update();
    }

    /** The toolbar controls, in order. */
    List<Node> controls() {
        Button open = new Button("Open model…");
        open.setId("model");
        open.setOnAction(e -> chooseModel());
        Button folder = new Button("Open folder…");
        folder.setId("model-folder");
        folder.setTooltip(new Tooltip("Open an encoder-decoder exported by optimum: a folder holding "
                + "encoder_model.onnx, decoder_model.onnx (or decoder_model_merged.onnx) and tokenizer.json"));
        folder.setOnAction(e -> chooseFolder());
        Button useDefault = new Button("Default model");
        useDefault.setOnAction(e -> setModel(null));
        return List.of(open, folder, useDefault, decoderButton, tokenizerButton, label, truncate, maxTokens,
                maxMemory);
    }

    /** The current choice (FX thread). */
    Choice choice() {
        Integer k = maxTokens.getValue();
        return new Choice(modelFile, tokenizerFile, truncate.isSelected(), k == null ? DEFAULT_MAX_TOKENS : k,
                decoderFile, false, maxMemory.getText());
    }

    /** Sets the "Max memory" field (FX thread), e.g. from {@code gui --max-memory}. */
    void setMaxMemory(String size) {
        maxMemory.setText(size == null ? "" : size);
    }

    /**
     * Sets the model (null: the embedded default; a folder: an encoder–decoder in optimum's layout); the tokenizer
     * goes back to the model's own and the decoder to none.
     */
    void setModel(Path file) {
        modelFile = file;
        tokenizerFile = null;
        decoderFile = null;
        update();
        status.accept("Model: " + label.getText() + "; press Run.");
    }

    /**
     * Sets the tokenizer.json of the chosen model (null: the model's own).
     *
     * @throws org.attnplanes.app.common.UserInputException when no model file is chosen (the embedded model
     *                                                       brings its own tokenizer)
     */
    void setTokenizer(Path file) {
        Workbench.checkModelAndTokenizer(modelFile, file);
        tokenizerFile = file;
        update();
        status.accept("Tokenizer: " + file.getFileName() + " for " + modelFile.getFileName() + "; press Run.");
    }

    /**
     * Sets the decoder of an encoder–decoder whose encoder is the chosen model file (null: none).
     *
     * @throws org.attnplanes.app.common.UserInputException when no model file (or a folder) is chosen
     */
    void setDecoder(Path file) {
        if (file != null && (modelFile == null || Files.isDirectory(modelFile))) {
            throw UserInputException.of("Decoder", file.getFileName(), "needs its encoder: open "
                    + "encoder_model.onnx first (a folder brings its own decoder)");
        }
        decoderFile = file;
        update();
        status.accept(file == null ? "No decoder; press Run." : "Encoder-decoder: " + label.getText()
                + "; type the source text and the target text, then press Run.");
    }

    /** Sets truncation (FX thread). */
    void setTruncate(boolean on, int tokens) {
        truncate.setSelected(on);
        maxTokens.getValueFactory().setValue(tokens);
    }

    /** The label of the model and tokenizer. */
    String describe() {
        return label.getText();
    }

    private void update() {
        label.setText(modelFile == null ? "all-MiniLM-L6-v2 (embedded)" : modelFile.getFileName()
                + (Files.isDirectory(modelFile) ? "/ (encoder-decoder)" : "")
                + (decoderFile == null ? "" : " + " + decoderFile.getFileName())
                + (tokenizerFile == null ? "" : " + " + tokenizerFile.getFileName()));
        tokenizerButton.setDisable(modelFile == null);
        decoderButton.setDisable(modelFile == null || Files.isDirectory(modelFile));
    }

    private void chooseFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open an encoder-decoder folder (optimum layout)");
        File f = dc.showDialog(window.get());
        if (f != null) {
            setModel(f.toPath());
        }
    }

    private void chooseDecoder() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Choose the decoder of " + modelFile.getFileName());
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
        if (modelFile.toAbsolutePath().getParent() != null) {
            fc.setInitialDirectory(modelFile.toAbsolutePath().getParent().toFile());
        }
        File f = fc.showOpenDialog(window.get());
        if (f != null) {
            setDecoder(f.toPath());
        }
    }

    private void chooseModel() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open an ONNX transformer");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
        File f = fc.showOpenDialog(window.get());
        if (f != null) {
            setModel(f.toPath());
        }
    }

    private void chooseTokenizer() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Choose the tokenizer.json for " + modelFile.getFileName());
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Hugging Face tokenizers", "*.json"));
        if (modelFile.toAbsolutePath().getParent() != null) {
            fc.setInitialDirectory(modelFile.toAbsolutePath().getParent().toFile());
        }
        File f = fc.showOpenDialog(window.get());
        if (f != null) {
            setTokenizer(f.toPath());
        }
    }

    /** Takes the model for a worker: hold it until {@link #release()}. */
    void acquire() {
        lock.lock();
    }

    /** Gives the model back. */
    void release() {
        lock.unlock();
    }

    /**
     * The open model for {@code c}, opening it (closing one of another choice) when needed; call between
     * {@link #acquire()} and {@link #release()}.
     *
     * @throws org.attnplanes.app.common.UserInputException when the model or tokenizer cannot be used
     */
    AttentionModel open(Choice c) {
        closeOther(c);
        if (model == null) {
            model = Workbench.open(c.model(), c.options());
            openedWith = c;
        }
        return model;
    }

    /**
     * The open encoder–decoder for {@code c} (a pair choice), opening it when needed; call between
     * {@link #acquire()} and {@link #release()}.
     *
     * @throws org.attnplanes.app.common.UserInputException when the files are not a usable pair
     */
    EncoderDecoderModel openPair(Choice c) {
        closeOther(c);
        if (pairModel == null) {
            try {
                pairModel = EncoderDecoderAnalysis.open(c.model(), c.decoder(), c.options());
            } catch (UserInputException e) {
                throw e.labelled(c.decoder() != null ? "Decoder" : "Model");
            }
            openedWith = c;
        }
        return pairModel;
    }

    /** Closes what is open unless it was opened with {@code c}. */
    private void closeOther(Choice c) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("acquire() first");
        }
        if (!Objects.equals(openedWith, c)) {
            closeModels();
        }
    }

    private void closeModels() {
        if (model != null) {
            model.close();
            model = null;
        }
        if (pairModel != null) {
            pairModel.close();
            pairModel = null;
        }
        openedWith = null;
    }

    /** Releases the model, waiting for a worker that is still leaving it. */
    void close() {
        lock.lock();
        try {
            closeModels();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a worker holds the model right now. */
    boolean inUse() {
        return lock.isLocked();
    }
}
