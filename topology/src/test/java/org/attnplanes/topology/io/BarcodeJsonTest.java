package org.attnplanes.topology.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.junit.jupiter.api.Test;

class BarcodeJsonTest {

    @Test
    void of_onePlane_isTheVersionedFormatWithNullForInfiniteDeaths() {
        Barcodes b = new Barcodes(List.of(
                new Barcode(0, List.of(new PersistenceInterval(0f, 0.5f), PersistenceInterval.essential(0f))),
                new Barcode(1, List.of(new PersistenceInterval(0.1f, 0.75f)))));
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("input", "m \"1\".txt");
        prov.put("note", "a\tb\u0001");
        assertEquals("{\n"
                + "  \"format\": \"attnplanes-barcodes\",\n"
                + "  \"version\": 1,\n"
                + "  \"filtration\": \"" + BarcodeJson.DISTANCE_FILTRATION + "\",\n"
                + "  \"provenance\": {\n"
                + "    \"input\": \"m \\\"1\\\".txt\",\n"
                + "    \"note\": \"a\\tb\\u0001\"\n"
                + "  },\n"
                + "  \"planes\": [\n"
                + "    {\"points\": 3, \"dims\": [[[0.0, 0.5], [0.0, null]], [[0.1, 0.75]]]}\n"
                + "  ]\n"
                + "}\n", BarcodeJson.of(BarcodeJson.DISTANCE_FILTRATION, prov, Map.of("points", 3), b));
    }

    @Test
    void start_noPlanesNoProvenance_isStillOneDocument() throws Exception {
        StringWriter w = new StringWriter();
        BarcodeJson j = BarcodeJson.start(w, "f", Map.of());
        j.finish();
        j.finish(); // idempotent
        assertEquals("{\n  \"format\": \"attnplanes-barcodes\",\n  \"version\": 1,\n  \"filtration\": \"f\",\n"
                + "  \"provenance\": {},\n  \"planes\": []\n}\n", w.toString());
        assertThrows(IllegalStateException.class, () -> j.plane(Map.of(), List.of()));
    }

    @Test
    void number_float32Values_readBackExactly() {
        for (float v : new float[] {0f, 0.1f, 1f / 3, 0.99999994f, 1e-7f, 123456.79f}) {
            assertEquals(v, Float.parseFloat(BarcodeJson.number(v)));
        }
        assertEquals("null", BarcodeJson.number(Double.POSITIVE_INFINITY));
        assertEquals("0.1", BarcodeJson.number(0.1f));
    }

    /**
     * A plane opened with {@code openPlane} and finished by its caller in the same writer gives the document
     * {@code plane} gives (separators, the first plane and the closing of a non-empty list); after {@code finish} it
     * is refused.
     */
    @Test
    void openPlane_thenTheCallersOwnLine_sameDocumentAsPlane() throws Exception {
        List<List<double[]>> dims = List.of(List.of(new double[] {0, 0.25}, new double[] {0, Double.POSITIVE_INFINITY}),
                List.of(new double[] {0.5, 0.75}));
        StringWriter a = new StringWriter();
        BarcodeJson ja = BarcodeJson.start(a, BarcodeJson.PLANE_FILTRATION, Map.of("model", "m"));
        StringWriter b = new StringWriter();
        BarcodeJson jb = BarcodeJson.start(b, BarcodeJson.PLANE_FILTRATION, Map.of("model", "m"));
        for (int input = 1; input <= 3; input++) {
            Map<String, Object> labels = new LinkedHashMap<>();
            labels.put("input", input);
            labels.put("head", "h" + input);
            ja.plane(labels, dims);
            jb.openPlane();
            b.write("\"input\": " + input + ", \"head\": \"h" + input + "\", "
                    + "\"dims\": [[[0.0, 0.25], [0.0, null]], [[0.5, 0.75]]]}");
        }
        ja.finish();
        jb.finish();
        assertEquals(a.toString(), b.toString());
        assertThrows(IllegalStateException.class, jb::openPlane);
    }
}
