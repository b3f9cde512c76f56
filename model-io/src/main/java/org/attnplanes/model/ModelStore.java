package org.attnplanes.model;

import org.attnplanes.model.internal.CacheDirectories;
import org.attnplanes.model.internal.FileFingerprints;
import org.attnplanes.model.internal.ModelCache;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Where model-io keeps what makes the next open fast — SHA-256 fingerprints of model files
 * ({@code fingerprints/}), models split into graph and weights ({@code models/}, at most 4 GiB, least recently used
 * evicted) and ONNX Runtime's native libraries ({@code native/}) — or that it keeps nothing. An explicit value passed
 * in {@link CaptureOptions#store()}: nothing in model-io reads a system property or a static to decide it, so two
 * models opened with different stores in one process (or two tests in parallel) never affect each other.
 *
 * <pre>{@code
 * CaptureOptions o = CaptureOptions.builder().store(ModelStore.at(Path.of("/tmp/ap-cache"))).build();
 * CaptureOptions plain = CaptureOptions.builder().store(ModelStore.disabled()).build();  // read, hash, parse every time
 * }</pre>
 *
 * <p>ONNX Runtime loads its native libraries once per process, so only the first store that opens a model decides
 * where they come from (ONNX Runtime's own property {@code onnxruntime.native.path}, set only when unset).
 */
public final class ModelStore {

    private static final ModelStore DISABLED = new ModelStore(null, Clock.systemUTC());

    private final Path directory;
    private final Clock clock;

    private ModelStore(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** A store in {@code directory} (created owner-only on first use). */
    public static ModelStore at(Path directory) {
        return at(directory, Clock.systemUTC());
    }

    /**
     * A store in {@code directory} whose fingerprints take {@code clock} as the time a model's hashing starts: a
     * model file's fingerprint is recorded only when its times lie clearly before that moment. Tests pass a clock
     * ahead of the system's instead of waiting for a freshly copied file's times to age.
     */
    public static ModelStore at(Path directory, Clock clock) {
        return new ModelStore(Objects.requireNonNull(directory, "directory").toAbsolutePath(),
                Objects.requireNonNull(clock, "clock"));
    }

    /** No store: every open reads, hashes and parses the whole model. */
    public static ModelStore disabled() {
        return DISABLED;
    }

    /**
     * The user's store, for command-line use: system property {@value DefaultModel#MODEL_CACHE_PROPERTY}{@code =false}
     * gives {@link #disabled()}, else the directory {@link DefaultModel#cacheDirectory()} names (system property
     * {@value DefaultModel#CACHE_PROPERTY}, environment {@value DefaultModel#CACHE_ENV}, {@code $XDG_CACHE_HOME/attnplanes},
     * {@code ~/.cache/attnplanes}). Read when called (the default of {@link CaptureOptions#builder()}), never later.
     */
    public static ModelStore userDefault() {
        String on = System.getProperty(DefaultModel.MODEL_CACHE_PROPERTY, "true").trim();
        return "false".equalsIgnoreCase(on) ? DISABLED : at(DefaultModel.cacheDirectory());
    }

    /** Whether fingerprints and the split-model cache are used. */
    public boolean enabled() {
        return directory != null;
    }

    /** The store's directory, empty when disabled. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** The fingerprint store; only for an enabled store. */
    FileFingerprints fingerprints() {
        CacheDirectories.secure(requireDirectory());
        return new FileFingerprints(directory.resolve("fingerprints"), clock);
    }

    /** The split-model cache; only for an enabled store. */
    ModelCache modelCache() {
        CacheDirectories.secure(requireDirectory());
        return new ModelCache(directory.resolve("models"));
    }

    private Path requireDirectory() {
        if (directory == null) {
            throw new IllegalStateException("the model store is disabled");
        }
        return directory;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelStore s && Objects.equals(s.directory, directory);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(directory);
    }

    @Override
    public String toString() {
        return directory == null ? "ModelStore[disabled]" : "ModelStore[" + directory + "]";
    }
}
