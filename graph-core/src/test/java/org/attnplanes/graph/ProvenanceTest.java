package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void with_addsSettingsInOrder_andLeavesOriginalUntouched() {
        Provenance p = Provenance.of("m.onnx", "ab12", "tokenizer.json", "cd34");
        Provenance q = p.with("symmetrization", "SUM").with("normalization", "GLOBAL_ABS_MINMAX").with("symmetrization", "MAX");
        assertEquals(Map.of(), p.settings());
        assertEquals(List.of("symmetrization", "normalization"), List.copyOf(q.settings().keySet()));
        assertEquals("MAX", q.settings().get("symmetrization"));
        assertEquals(List.of("model", "model_sha256", "tokenizer", "input_sha256", "tool_version", "symmetrization",
                "normalization"), List.copyOf(q.toMap().keySet()));
    }

    @Test
    void constructor_copiesSettings() {
        Map<String, String> m = new HashMap<>();
        m.put("a", "1");
        Provenance p = new Provenance("m", "", "", "", "v", m);
        m.put("b", "2");
        assertEquals(Map.of("a", "1"), p.settings());
        assertThrows(UnsupportedOperationException.class, () -> p.settings().put("c", "3"));
    }
}
