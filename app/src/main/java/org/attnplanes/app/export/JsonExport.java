package org.attnplanes.app.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.attnplanes.graph.io.AtomicFiles;

/**
 * Writes {@code barcodes.json} and {@code provenance.json}, atomically.
 *
 * <p>{@code barcodes.json}: {@code {"provenance": {...}, "filtration": "...", "planes": [{"input": 1,
 * "layer": 0, "head": "3", "tokens": 9, "dims": [[[birth, death], ...], ...]}, ...]}} with birth and death
 * in filtration units (edge of weight w enters at 1 − w) and {@code null} for an infinite death.
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

    /** Writes {@code barcodes.json} for these plane records (streamed: constant memory per bar). */
    public static void writeBarcodes(Path target, Map<String, String> provenance, List<PlaneRecord> rows) {
        AtomicFiles.write(target, out -> {
            JsonGenerator g = new JsonFactory(MAPPER).createGenerator(out, JsonEncoding.UTF8);
            // objects indented, arrays (dims, bars) on one line: a plane's barcode reads as one line
            g.setPrettyPrinter(new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance));
            g.writeStartObject();
            g.writeObjectField("provenance", provenance);
            g.writeStringField("filtration", "clique complex; an edge of weight w enters at 1 - w; null death = infinite");
            g.writeArrayFieldStart("planes");
            for (PlaneRecord r : rows) {
                g.writeStartObject();
                g.writeNumberField("input", r.input());
                g.writeNumberField("layer", r.layer());
                g.writeStringField("head", r.head());
                g.writeNumberField("tokens", r.tokens());
                g.writeArrayFieldStart("dims");
                for (List<double[]> dim : r.barcodes()) {
                    g.writeStartArray();
                    for (double[] bar : dim) {
                        g.writeStartArray();
                        writeNumber(g, bar[0]);
                        writeNumber(g, bar[1]);
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
        });
    }

    private static void writeNumber(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber((float) v == v ? Float.toString((float) v) : Double.toString(v));
        } else {
            g.writeNull();
        }
    }

    /** Reads {@code barcodes.json} back into plane records (without statistics); used by tests and resume. */
    public static List<PlaneRecord> readBarcodes(Path file) {
        try {
            var root = MAPPER.readTree(file.toFile());
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
                        p.get("tokens").asInt(), Map.of(), dims));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

}
