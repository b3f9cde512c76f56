package org.attnplanes.app.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.attnplanes.graph.io.AtomicFiles;
import org.attnplanes.graph.io.Sha256;
import org.attnplanes.topology.io.BarcodeJson;

/**
 * Writes {@code barcodes.json} and {@code provenance.json}, atomically.
 *
 * <p>{@code barcodes.json} is the one barcode format of topology's {@link BarcodeJson} ({@code "format":
 * "attnplanes-barcodes", "version": 1}; planes labelled {@code input}, {@code layer}, {@code head},
 * {@code tokens}), the same format as {@code persistence --json}.
 */
public final class JsonExport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonExport() {
    }

    /** The shared, configured Jackson mapper (thread-safe). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes any Jackson-serializable value as indented JSON, atomically. */
    public static void writeValue(Path target, Object value) {
        AtomicFiles.write(target, out -> MAPPER.writeValue(out, value));
    }

    /** Writes {@code provenance.json}: the provenance map plus run information (counts, timings, files). */
    public static void writeProvenance(Path target, Map<String, String> provenance, Map<String, Object> run) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("provenance", provenance);
        root.put("run", run);
        writeValue(target, root);
    }

    /**
     * Writes {@code barcodes.json} for these plane records in the one barcode format ({@link BarcodeJson}, versioned;
     * streamed: constant memory per bar).
     */
    public static void writeBarcodes(Path target, Map<String, String> provenance, List<PlaneRecord> rows) {
        writeBarcodes(target, provenance, rows, null);
    }

    /**
     * {@link #writeBarcodes(Path, Map, List)} that also returns the SHA-256 (lower-case hex) of the bytes written,
     * computed while writing (for the output folder's manifest, {@link OutputSet#written}).
     */
    public static String writeBarcodesHashed(Path target, Map<String, String> provenance, List<PlaneRecord> rows) {
        String[] sha = new String[1];
        writeBarcodes(target, provenance, rows, sha);
        return sha[0];
    }

    private static void writeBarcodes(Path target, Map<String, String> provenance, List<PlaneRecord> rows,
                                      String[] sha) {
        AtomicFiles.write(target, out -> {
            Utf8Sink w = new Utf8Sink(out, sha == null ? null : Sha256.digest());
            BarcodeJson json = BarcodeJson.start(w, BarcodeJson.PLANE_FILTRATION, provenance);
            BarcodeLines lines = new BarcodeLines(w);
            for (PlaneRecord r : rows) {
                json.openPlane();
                lines.write(r);    // labels input, layer, head, tokens (block unless self), then the bars
            }
            json.finish();
            w.close();
            if (sha != null) {
                sha[0] = w.sha256();
            }
        });
    }

    /** Reads {@code barcodes.json} back into plane records (without statistics); used by tests and resume. */
    public static List<PlaneRecord> readBarcodes(Path file) {
        try {
            var root = MAPPER.readTree(file.toFile());
            if (!BarcodeJson.FORMAT.equals(root.path("format").asText())
                    || root.path("version").asInt() < 1) {
                throw new IOException("it is not an attnplanes-barcodes file (no format/version fields)");
            }
            List<PlaneRecord> out = new ArrayList<>();
            for (var p : root.get("planes")) {
                List<List<double[]>> dims = new ArrayList<>();
                for (var d : p.get("dims")) {
                    List<double[]> bars = new ArrayList<>();
                    for (var b : d) {
                        bars.add(new double[] {b.get(0).asDouble(),
                                b.get(1).isNull() ? Double.POSITIVE_INFINITY : b.get(1).asDouble()});
                    }
                    dims.add(bars);
                }
                out.add(new PlaneRecord(p.get("input").asInt(), p.get("layer").asInt(), p.get("head").asText(),
                        p.get("tokens").asInt(), Map.of(), dims, p.path("block").asText("self")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

}
