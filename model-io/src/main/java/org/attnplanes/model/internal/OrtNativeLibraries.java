package org.attnplanes.model.internal;

import ai.onnxruntime.OrtEnvironment;
import org.attnplanes.graph.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * ONNX Runtime's native libraries, extracted once into a cache directory instead of into a new temporary
 * directory by every process (ONNX Runtime inflates ~22 MB from its jar on each first use). {@link #install}
 * points ONNX Runtime's documented system property {@value #NATIVE_PATH_PROPERTY} at the extracted copy, but
 * only when nobody set it before, only for a jar that declares its version (the copy lives in a folder named by
 * it), and only after the copy's sizes and CRC-32C match its manifest (re-extracted otherwise).
 *
 * <p><b>Why a system property.</b> ONNX Runtime 1.23 offers no API for where its libraries come from: its
 * {@code ai.onnxruntime.OnnxRuntime.init()} (run once per class loader, on the first use of any ORT class) reads
 * only the system properties {@code onnxruntime.native.path}, {@code onnxruntime.native.<library>.path} and
 * {@code onnxruntime.native.<library>.skip}, then falls back to extracting its jar's resources into a temporary
 * directory. So this one setting stays process-wide; it is made harmless instead: set at most once per process
 * (the first {@link #install} wins, later calls return at once), never over a value the user or another library
 * set, under a lock so that no thread reaches ONNX Runtime while another is still extracting, and to the same
 * verified folder whichever cache asks. It is the only system property model-io sets. Has an effect
 * only before ONNX Runtime's first use in the process. Thread-safe.
 */
public final class OrtNativeLibraries {

    /** ONNX Runtime's system property naming a directory with its native libraries. */
    public static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";

    private static final String MANIFEST = "libraries.properties";
    private static final String MAGIC = "attnplanes-ort-native 1";
    private static boolean installed;

    private OrtNativeLibraries() {
    }

    /**
     * Extracts (when needed) and installs the libraries under {@code root} into the system properties, once per
     * process. Never fails: any problem leaves ONNX Runtime to its own loading.
     */
    public static synchronized void install(Path root) {
        if (installed) {
            return;
        }
        installed = true;
        install(root, System.getProperties());
    }

    /**
     * The step of {@link #install(Path)} on any property set: unless {@code properties} already name a native path,
     * extracts the libraries under {@code root} and sets the path (atomically, only if still absent). Never fails.
     *
     * @return the native path {@code properties} hold afterwards, or null
     */
    static String install(Path root, Properties properties) {
        if (properties.getProperty(NATIVE_PATH_PROPERTY) == null) {
            try {
                extract(root).ifPresent(dir -> properties.putIfAbsent(NATIVE_PATH_PROPERTY, dir.toString()));
            } catch (IOException | RuntimeException e) {
                // ONNX Runtime extracts into a temporary directory as before
            }
        }
        return properties.getProperty(NATIVE_PATH_PROPERTY);
    }

    /**
     * The directory holding verified copies of this platform's ONNX Runtime libraries, extracting them when
     * missing or damaged; empty when the jar declares no version or holds no libraries for this platform.
     */
    public static Optional<Path> extract(Path root) throws IOException {
        String version = OrtEnvironment.class.getPackage() == null ? null
                : OrtEnvironment.class.getPackage().getImplementationVersion();
        Optional<String> platform = platform();
        if (version == null || platform.isEmpty()) {
            return Optional.empty();
        }
        String resourceDir = "ai/onnxruntime/native/" + platform.get() + "/";
        List<String> names = List.of(System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"));
        for (String name : names) {
            if (OrtEnvironment.class.getClassLoader().getResource(resourceDir + name) == null) {
                return Optional.empty();
            }
        }
        if (!CacheDirectories.secure(root)) {
            return Optional.empty();        // another user's or a shared folder: never load libraries from it
        }
        Path dir = root.resolve("onnxruntime-" + version + "-" + platform.get());
        CacheDirectories.removeLink(dir);
        if (verified(dir, names)) {
            return Optional.of(dir.toAbsolutePath());
        }
        StringBuilder manifest = new StringBuilder(MAGIC).append('\n');
        for (String name : names) {
            CRC32C crc = new CRC32C();
            long[] size = new long[1];
            AtomicFiles.write(dir.resolve(name), raw -> {
                OutputStream out = new CheckedOutputStream(raw, crc);
                try (InputStream in = OrtEnvironment.class.getClassLoader()
                        .getResourceAsStream(resourceDir + name)) {
                    if (in == null) {
                        throw new IOException("resource " + resourceDir + name + " vanished");
                    }
                    size[0] = in.transferTo(out);
                }
                out.flush();
            });
            manifest.append(name).append('=').append(size[0]).append(' ').append(crc.getValue()).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(MANIFEST), manifest.toString());
        return verified(dir, names) ? Optional.of(dir.toAbsolutePath()) : Optional.empty();
    }

    /** Whether {@code dir} holds exactly {@code names}, each with the size and CRC-32C its manifest records. */
    private static boolean verified(Path dir, List<String> names) {
        try {
            if (!CacheDirectories.isPlainDirectory(dir) || !CacheDirectories.isPlainFile(dir.resolve(MANIFEST))) {
                return false;
            }
            List<String> lines = Files.readAllLines(dir.resolve(MANIFEST), StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(MAGIC) || lines.size() != names.size() + 1) {
                return false;
            }
            for (int i = 0; i < names.size(); i++) {
                String line = lines.get(i + 1);
                int eq = line.indexOf('=');
                String[] sizeCrc = line.substring(eq + 1).split(" ");
                Path file = dir.resolve(names.get(i));
                if (!CacheDirectories.isPlainFile(file)) {
                    return false;
                }
                if (!line.substring(0, eq).equals(names.get(i)) || Files.size(file) != Long.parseLong(sizeCrc[0])
                        || ModelCache.crc32c(file) != Long.parseLong(sizeCrc[1])) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** ONNX Runtime's name for this platform's resource folder ({@code linux-x64}, {@code osx-aarch64}, …). */
    static Optional<String> platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
        return o == null || a == null ? Optional.empty() : Optional.of(o + "-" + a);
    }
}
