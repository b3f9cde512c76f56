package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.attnplanes.app.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code persistence --json} and {@code barcodes.json}: one versioned barcode format from one writer. */
class BarcodeJsonFormatTest {

    @TempDir
    Path dir;

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void persistenceJson_andBarcodesJson_shareTheFormat() throws Exception {
        // a 4-cycle, sides 1, diagonals 1.5: H0 three bars [0,1) and [0, inf), H1 [1, 1.5)
        Path m = dir.resolve("square.lower");
        Files.writeString(m, "1\n1.5,1\n1,1.5,1\n");
        Path json = dir.resolve("square.json");
        Cli.Result r = Cli.inProcess("persistence", "--input", m.toString(), "--format", "lower-distance", "--json",
                "--out", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode p = JsonExport.mapper().readTree(json.toFile());

        Path bars = dir.resolve("barcodes.json");
        List<List<double[]>> dims = List.of(List.of(new double[] {0, 0.25}, new double[] {0, Double.POSITIVE_INFINITY}),
                List.of(new double[] {0.5, 0.75}));
        JsonExport.writeBarcodes(bars, Map.of("model", "m.onnx"),
                List.of(new PlaneRecord(1, 0, "3", 4, Map.of(), dims)));
        JsonNode b = JsonExport.mapper().readTree(bars.toFile());

        for (JsonNode doc : List.of(p, b)) {
            assertEquals(List.of("format", "version", "filtration", "provenance", "planes"), fields(doc));
            assertEquals("attnplanes-barcodes", doc.get("format").asText());
            assertEquals(1, doc.get("version").asInt());
            assertTrue(fields(doc.get("planes").get(0)).contains("dims"));
        }
        assertEquals(List.of("points", "dims"), fields(p.get("planes").get(0)));
        assertEquals(4, p.get("planes").get(0).get("points").asInt());
        JsonNode h = p.get("planes").get(0).get("dims");
        assertEquals(4, h.get(0).size());
        assertTrue(h.get(0).get(3).get(1).isNull(), "the essential H0 bar has a null death");
        assertEquals(1.0, h.get(1).get(0).get(0).asDouble());
        assertEquals(1.5, h.get(1).get(0).get(1).asDouble());
        assertEquals(List.of("input", "layer", "head", "tokens", "dims"), fields(b.get("planes").get(0)));

        List<PlaneRecord> back = JsonExport.readBarcodes(bars);
        assertEquals(1, back.size());
        assertEquals(Double.POSITIVE_INFINITY, back.get(0).barcodes().get(0).get(1)[1]);
        assertEquals(0.75, back.get(0).barcodes().get(1).get(0)[1]);
    }
}
