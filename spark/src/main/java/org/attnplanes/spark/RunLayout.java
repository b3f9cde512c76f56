package org.attnplanes.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.JsonExport;

/**
 * The output directory of a run, on any Hadoop file system:
 * <pre>
 * out/planes/      Parquet (Spark's committer: _SUCCESS when complete)
 * out/barcodes/    Parquet
 * out/errors/      Parquet
 * out/provenance.json
 * out/_SUCCESS     the whole run is complete
 * out/_attnplanes/settings.json          the settings fingerprint (checked by --resume)
 * out/_attnplanes/rounds/round-NNNNNN/   committed rounds (removed after the final tables are written)
 * </pre>
 * Names starting with {@code _} are hidden from Spark and Hadoop readers of {@code out/planes} etc.
 */
final class RunLayout {

    private final FileSystem fs;
    private final Path out;

    RunLayout(Configuration conf, String out) {
        try {
            Path p = new Path(out);
            this.fs = p.getFileSystem(conf);
            this.out = fs.makeQualified(p);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("--out " + out + " cannot be used: " + e.getMessage(), e);
        }
    }

    Path out() {
        return out;
    }

    String table(String name) {
        return new Path(out, name).toString();
    }

    private Path settingsFile() {
        return new Path(out, "_attnplanes/settings.json");
    }

    private Path rounds() {
        return new Path(out, "_attnplanes/rounds");
    }

    String round(String name) {
        return new Path(rounds(), name).toString();
    }

    /** Whether the path exists and is a file or a non-empty directory. */
    boolean occupied() {
        try {
            if (!fs.exists(out)) {
                return false;
            }
            FileStatus s = fs.getFileStatus(out);
            return !s.isDirectory() || fs.listStatus(out).length > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --out " + out + ": " + e.getMessage(), e);
        }
    }

    boolean isFile() {
        try {
            return fs.exists(out) && !fs.getFileStatus(out).isDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --out " + out + ": " + e.getMessage(), e);
        }
    }

    /** Whether a previous run finished completely. */
    boolean complete() {
        return exists(new Path(out, "_SUCCESS"));
    }

    /** Whether a round (or a table) was committed by Spark. */
    boolean committed(String dir) {
        return exists(new Path(dir, "_SUCCESS"));
    }

    /** The fingerprint stored by the run that created this directory, or null. */
    Map<String, String> storedSettings() {
        if (!exists(settingsFile())) {
            return null;
        }
        try (InputStream in = fs.open(settingsFile())) {
            return JsonExport.mapper().readValue(in, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + settingsFile() + ": " + e.getMessage(), e);
        }
    }

    void writeSettings(Map<String, String> settings) {
        writeJson(settingsFile(), settings);
    }

    /** Writes JSON through a temporary file and a rename (atomic on HDFS and local disks). */
    void writeJson(String name, Object value) {
        writeJson(new Path(out, name), value);
    }

    private void writeJson(Path target, Object value) {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try {
            fs.mkdirs(target.getParent());
            try (OutputStream o = fs.create(tmp, true)) {
                JsonExport.mapper().writeValue(o, value);
            }
            fs.delete(target, false);
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename to " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    void markComplete() {
        try {
            fs.create(new Path(out, "_SUCCESS"), true).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + "/_SUCCESS: " + e.getMessage(), e);
        }
    }

    void delete(String path) {
        try {
            fs.delete(new Path(path), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    void deleteAll() {
        delete(out.toString());
    }

    void deleteRounds() {
        delete(rounds().toString());
    }

    private boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
