package org.attnplanes.testmodels;

import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.List;
import java.util.Random;

import static org.attnplanes.testmodels.OnnxBuilder.attr;
import static org.attnplanes.testmodels.OnnxBuilder.attrs;

/**
 * Building blocks shared by the encoder–decoder generators ({@link BartOnnx}, {@link T5Onnx}): seeded weights (the
 * same values for the same name in every file and branch), projections, head split/merge, norms, masks and the
 * primitive attention core as eager PyTorch exports it ({@code MatMul → [Mul] → Add(bias) → Softmax → MatMul}).
 */
final class Seq2SeqParts {

    private final long seed;

    Seq2SeqParts(long seed) {
        this.seed = seed;
    }

    float[] w(String name, int size, double scale) {
        Random r = new Random(seed * 1_000_003L + name.hashCode());
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }

    String weight(OnnxBuilder b, String name, double scale, int... dims) {
        if (b.initializers.containsKey(name)) {
            return name;
        }
        int size = 1;
        long[] ld = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            size *= dims[i];
            ld[i] = dims[i];
        }
        return b.floats(name, w(name, size, scale), ld);
    }

    private String gain(OnnxBuilder b, String name, int d) {
        if (b.initializers.containsKey(name)) {
            return name;
        }
        float[] g = w(name, d, 0.1);
        for (int i = 0; i < d; i++) {
            g[i] += 1f;
        }
        return b.floats(name, g, d);
    }

    String linear(OnnxBuilder b, String x, String name, int in, int out, boolean bias) {
        String y = b.node("MatMul", x, weight(b, name + ".weight", 0.3, in, out));
        return bias ? b.node("Add", y, weight(b, name + ".bias", 0.1, out)) : y;
    }

    String layerNorm(OnnxBuilder b, String x, String name, int d) {
        return b.node("LayerNormalization", List.of(x, gain(b, name + ".weight", d), weight(b, name + ".bias", 0.1, d)),
                attr("axis", -1L), attr("epsilon", 1e-5f));
    }

    /** T5LayerNorm: x · 1/√(mean(x²) + ε) · w, no mean subtraction and no bias (as T5's export writes it). */
    String rmsNorm(OnnxBuilder b, String x, String name, int d) {
        String ms = b.node("ReduceMean", List.of(b.node("Pow", x, b.scalar(name + "_two", 2f))), attrs("axes", -1),
                attr("keepdims", 1L));
        String inv = b.node("Reciprocal", b.node("Sqrt", b.node("Add", ms, b.scalar(name + "_eps", 1e-6f))));
        return b.node("Mul", gain(b, name + ".weight", d), b.node("Mul", x, inv));
    }

    /** Exact GELU as torch exports it: 0.5·x·(1 + erf(x/√2)). */
    static String gelu(OnnxBuilder b, String x) {
        return b.node("Mul", b.node("Mul", x, b.node("Add", b.node("Erf", b.node("Div", x,
                b.scalar("gelu_sqrt2", (float) Math.sqrt(2)))), b.scalar("gelu_one", 1f))), b.scalar("gelu_half", 0.5f));
    }

    /** [B, S, heads·dh] → [B, heads, S, dh]. */
    static String heads(OnnxBuilder b, String t, int heads, int dh, String name) {
        return b.node("Transpose", List.of(b.node("Reshape", t, b.longs(name + "_shape", 0, 0, heads, dh))),
                attrs("perm", 0, 2, 1, 3));
    }

    /** [B, heads, S, dh] → [B, S, heads·dh]. */
    static String merge(OnnxBuilder b, String ctx, int d, String name) {
        return b.node("Reshape", b.node("Transpose", List.of(ctx), attrs("perm", 0, 2, 1, 3)),
                b.longs(name + "_merge", 0, 0, d));
    }

    /**
     * The attention core: scores = Q·Kᵀ (× {@code scale} unless NaN) + {@code bias}; probabilities = Softmax over
     * the keys (a node named {@code nodeName}, its output appended to {@code softmax}); returns probabilities · V.
     */
    static String attend(OnnxBuilder b, String q, String k, String v, float scale, String bias, String nodeName,
                         List<String> softmax) {
        String scores = b.node("MatMul", q, b.node("Transpose", List.of(k), attrs("perm", 0, 1, 3, 2)));
        if (!Float.isNaN(scale)) {
            scores = b.node("Mul", scores, b.scalar(nodeName.replace('/', '_') + "_scaling", scale));
        }
        if (bias != null) {
            scores = b.node("Add", scores, bias);
        }
        String probs = b.named("Softmax", nodeName, List.of(scores), attr("axis", -1L));
        softmax.add(probs);
        return b.node("MatMul", probs, v);
    }

    /** The additive padding mask [B, 1, 1, S] of a 0/1 int64 mask input: 0 where 1, float min where 0. */
    static String paddingMask(OnnxBuilder b, String mask, String name) {
        String m = b.node("Cast", List.of(b.node("Unsqueeze", mask, b.longs(name + "_axes", 1, 2))),
                attr("to", (long) TensorProto.DataType.BOOL_VALUE));
        return b.node("Where", m, b.scalar(name + "_zero", 0f), b.scalar(name + "_min", -Float.MAX_VALUE));
    }

    /** The int64 scalar length of axis {@code axis} of {@code tensor}. */
    static String length(OnnxBuilder b, String tensor, long axis, String name) {
        return b.node("Squeeze", b.node("Shape", List.of(tensor), attr("start", axis), attr("end", axis + 1)),
                b.longs(name + "_sq", 0));
    }

    /**
     * The additive causal mask [1, 1, S, P + S]: 0 where key j ≤ P + i, float min after; {@code past} is the int64
     * scalar past length P, or null for 0.
     */
    static String causalMask(OnnxBuilder b, String s, String past) {
        String one = b.longScalar("causal_one", 1);
        String zero = b.longScalar("causal_zero", 0);
        String start = past == null ? zero : past;
        String total = past == null ? s : b.node("Add", past, s);
        String rows = b.node("Range", start, total, one);
        String cols = b.node("Range", zero, total, one);
        String allowed = b.node("LessOrEqual", b.node("Unsqueeze", cols, b.longs("causal_axis0", 0)),
                b.node("Unsqueeze", rows, b.longs("causal_axis1", 1)));
        String m = b.node("Where", allowed, b.scalar("causal_zero_f", 0f), b.scalar("causal_min", -Float.MAX_VALUE));
        return b.node("Unsqueeze", m, b.longs("causal_axes01", 0, 1));
    }
}
