package org.attnplanes.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.internal.RowSums;
import org.attnplanes.testmodels.TinyOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12.6: a model whose attention Softmax runs over the query axis (axis −2) instead of the keys is refused
 * with a message naming the node — at open when the probe shows it, otherwise at the first capture whose rows do
 * not sum to 1 (never analysed as if it were attention).
 */
class QueryAxisSoftmaxTest {

    private static final String NODE = "layer.1.attention/Softmax";

    @TempDir
    Path dir;

    /** The tiny rank-4 encoder with layer 1's Softmax moved to the query axis. */
    private Path queryAxisModel(TinyOnnx.Weights w) throws Exception {
        ModelProto m = TinyOnnx.encoder(w, TinyOnnx.Layout.RANK4, false);
        GraphProto.Builder g = m.getGraph().toBuilder();
        int changed = 0;
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (n.getName().equals(NODE)) {
                g.setNode(i, n.toBuilder().clearAttribute().addAttribute(AttributeProto.newBuilder().setName("axis")
                        .setType(AttributeProto.AttributeType.INT).setI(-2)).build());
                changed++;
            }
        }
        assertEquals(1, changed);
        Path p = dir.resolve("query-axis.onnx");
        Files.write(p, m.toBuilder().setGraph(g).build().toByteArray());
        return p;
    }

    @Test
    void open_queryAxisSoftmax_probeRefusesNamingTheNode() throws Exception {
        Path p = queryAxisModel(new TinyOnnx.Weights(7));
        ModelException e = assertThrows(ModelException.class,
                () -> AttentionModel.open(p, CaptureOptions.builder().threads(1).build()).close());
        assertTrue(e.getMessage().contains("\"" + NODE + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("probe"), e.getMessage());
        assertTrue(e.getMessage().contains("query axis"), e.getMessage());
    }

    @Test
    void capture_queryAxisSoftmaxThatPassedTheProbe_refusedNamingNodeLayerHeadAndRow() throws Exception {
        // without position embeddings the probe's identical tokens give identical rows, so the column-wise Softmax
        // is uniform (rows sum to 1) and the probe cannot see the problem; real text can
        TinyOnnx.Weights w = new TinyOnnx.Weights(7);
        Arrays.fill(w.positionEmbedding, 0f);
        Path p = queryAxisModel(w);
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            Random r = new Random(11);
            for (int trial = 0; trial < 5; trial++) {
                int[] ids = new int[4 + trial];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = i == 0 ? 1 : r.nextInt(TinyOnnx.VOCAB);
                }
                ids[1] = 2;
                ModelException e = assertThrows(ModelException.class, () -> m.capture(ids));
                assertTrue(e.getMessage().startsWith("attention Softmax node \"" + NODE + "\" (layer 1) of "
                        + "query-axis.onnx does not give probabilities over the keys: row "), e.getMessage());
                assertTrue(e.getMessage().contains(ids.length + " tokens"), e.getMessage());
            }
        }
    }

    @Test
    void capture_keyAxisSoftmax_passesTheCheck() throws Exception {
        // the same weights with the Softmax over the keys: the check lets every capture through
        TinyOnnx.Weights w = new TinyOnnx.Weights(7);
        Arrays.fill(w.positionEmbedding, 0f);
        Path p = dir.resolve("keys.onnx");
        Files.write(p, TinyOnnx.encoder(w, TinyOnnx.Layout.RANK4, false).toByteArray());
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            AttentionTrace t = m.capture(new int[] {1, 2, 3, 4, 5});
            assertEquals(5, t.tokenCount());
        }
    }

    @Test
    void rowSums_flagsTheFirstRowOffByMoreThanTheTolerance_andNaN() {
        float[] plane = {0.5f, 0.5f, 0f, 0.2f, 0.3f, 0.5f, 1f, 0f, 0f};
        assertEquals(-1, RowSums.firstBadRow(plane, 3));
        plane[4] = 0.302f;      // row 1 sums to 1.002
        assertEquals(1, RowSums.firstBadRow(plane, 3));
        plane[4] = 0.3f;
        plane[8] = Float.NaN;
        assertEquals(2, RowSums.firstBadRow(plane, 3));
        Random r = new Random(3);
        for (int len = 1; len < 40; len++) {
            float[] q = new float[len * len];
            for (int i = 0; i < len; i++) {
                double total = 0;
                for (int j = 0; j < len; j++) {
                    q[i * len + j] = (float) r.nextDouble();
                    total += q[i * len + j];
                }
                double exact = 0;
                for (int j = 0; j < len; j++) {
                    q[i * len + j] /= (float) total;
                    exact += q[i * len + j];
                }
                assertEquals(exact, RowSums.rowSum(q, i * len, len), 1e-5);
            }
            assertEquals(-1, RowSums.firstBadRow(q, len), "len " + len);
        }
    }
}
