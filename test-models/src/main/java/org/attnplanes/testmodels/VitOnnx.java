package org.attnplanes.testmodels;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.attnplanes.testmodels.OnnxBuilder.attr;
import static org.attnplanes.testmodels.OnnxBuilder.attrs;

/**
 * Test helper: tiny vision transformers (random weights) in the graph layout the Hugging Face / optimum export of
 * {@code ViTForImageClassification} writes, and the matching {@code preprocessor_config.json}:
 * <ul>
 *   <li>patch embedding: {@code Conv(pixel_values, W[D, 3, p, p], b)} with {@code kernel_shape = strides = [p, p]},
 *       then {@code flatten(2)} (a {@code Reshape} to {@code [B, D, -1]}) and {@code transpose(1, 2)} — row-major
 *       patches;</li>
 *   <li>{@code [CLS]} (and, for DeiT, {@code [DIST]}) tokens {@code [1, 1, D]} expanded to the batch and
 *       concatenated before the patches on axis 1;</li>
 *   <li>a learned position table {@code [1, prefix + rows·cols, D]} added after the concat;</li>
 *   <li>pre-LN encoder layers: {@code LayerNormalization} → Q/K/V → {@code MatMul} → {@code Div(√dh)} →
 *       {@code Softmax} → {@code MatMul(V)} → output projection + residual → {@code LayerNormalization} → GELU (Erf)
 *       MLP + residual; final LayerNorm and a classifier on token 0.</li>
 * </ul>
 * Inputs: {@code pixel_values} float {@code [batch_size, num_channels, height, width]} (all dynamic, as optimum
 * declares them). Output: {@code logits [batch, LABELS]}.
 */
public final class VitOnnx {

    public static final int D = 16;
    public static final int HEADS = 2;
    public static final int DH = D / HEADS;
    public static final int FFN = 32;
    public static final int LAYERS = 2;
    public static final int LABELS = 3;

    /** The token layout before the patches. */
    public enum Variant {
        /** {@code [CLS]}, patches. */
        VIT(1),
        /** DeiT: {@code [CLS]}, {@code [DIST]}, patches. */
        DEIT(2),
        /**
         * A ViT with 4 register tokens as timm exports it ({@code vit_*_reg4}, {@code no_embed_class}): the position
         * table {@code pos_embed} covers the patches only and is added before {@code [CLS]} and the registers
         * ({@code reg_token}) are concatenated in front: {@code [CLS]}, {@code [REG1]} … {@code [REG4]}, patches.
         */
        REG4(5);

        private final int prefix;

        Variant(int prefix) {
            this.prefix = prefix;
        }

        /** Tokens before the patches. */
        public int prefix() {
            return prefix;
        }
    }

    /**
     * The shape of a generated model.
     *
     * @param height image height in pixels (a multiple of {@code patch})
     * @param width  image width in pixels (a multiple of {@code patch})
     * @param patch  patch size p (Conv kernel and stride)
     */
    public record Spec(Variant variant, int height, int width, int patch) {

        /** 32 × 32 pixels, patch 8: a 4 × 4 grid. */
        public static Spec square(Variant variant) {
            return new Spec(variant, 32, 32, 8);
        }

        public int rows() {
            return height / patch;
        }

        public int cols() {
            return width / patch;
        }

        /** Tokens: prefix + rows · cols. */
        public int tokens() {
            return variant.prefix() + rows() * cols();
        }
    }

    /**
     * A generated model.
     *
     * @param model         the ONNX model
     * @param probabilities the names of the attention Softmax outputs, layer by layer
     * @param spec          its shape
     */
    public record Generated(ModelProto model, List<String> probabilities, Spec spec) {
    }

    private VitOnnx() {
    }

    /** A model of {@code spec} with weights drawn from {@code seed}. */
    public static Generated vit(Spec spec, long seed) {
        Random r = new Random(seed);
        OnnxBuilder b = new OnnxBuilder("");
        int p = spec.patch();
        int prefix = spec.variant().prefix();
        int n = spec.tokens();
        b.input("pixel_values", TensorProto.DataType.FLOAT, "batch_size", "num_channels", "height", "width");
        String name = spec.variant() == Variant.DEIT ? "deit" : spec.variant() == Variant.REG4 ? "vitreg" : "vit";
        String e = name + ".embeddings.";
        b.floats(e + "patch_embeddings.projection.weight", gaussian(r, D * 3 * p * p, 0.3), D, 3, p, p);
        b.floats(e + "patch_embeddings.projection.bias", gaussian(r, D, 0.1), D);
        String conv = b.named("Conv", "/" + name + "/embeddings/patch_embeddings/projection/Conv",
                List.of("pixel_values", e + "patch_embeddings.projection.weight", e + "patch_embeddings.projection.bias"),
                attrs("dilations", 1, 1), attr("group", 1), attrs("kernel_shape", p, p), attrs("pads", 0, 0, 0, 0),
                attrs("strides", p, p));
        // flatten(2): Reshape(conv, Concat(Shape(conv)[0:2], [-1]))
        String convShape = b.node("Shape", conv);
        String head2 = b.node("Slice", convShape, b.longs("slice_start", 0), b.longs("slice_end", 2),
                b.longs("slice_axes", 0));
        String flatShape = b.node("Concat", List.of(head2, b.longs("minus_one", -1)), attr("axis", 0));
        String flat = b.node("Reshape", conv, flatShape);                                     // [B, D, Np]
        String patches = b.node("Transpose", List.of(flat), attrs("perm", 0, 2, 1));          // [B, Np, D]
        // cls_token.expand(batch_size, -1, -1)
        String batch = b.node("Slice", b.node("Shape", "pixel_values"), b.longs("batch_start", 0),
                b.longs("batch_end", 1), b.longs("batch_axes", 0));
        String expandShape = b.node("Concat", List.of(batch, b.longs("one_one", 1, 1)), attr("axis", 0));
        List<String> parts = new ArrayList<>();
        b.floats(e + "cls_token", gaussian(r, D, 1.0), 1, 1, D);
        parts.add(b.node("Expand", e + "cls_token", expandShape));
        if (spec.variant() == Variant.DEIT) {
            b.floats(e + "distillation_token", gaussian(r, D, 1.0), 1, 1, D);
            parts.add(b.node("Expand", e + "distillation_token", expandShape));
        }
        String x;
        if (spec.variant() == Variant.REG4) {
            // timm, no_embed_class: x = patches + pos_embed; x = cat(cls, reg, x)
            b.floats(e + "pos_embed", gaussian(r, spec.rows() * spec.cols() * D, 0.5), 1, spec.rows() * spec.cols(),
                    D);
            String placed = b.node("Add", patches, e + "pos_embed");
            b.floats(e + "reg_token", gaussian(r, 4 * D, 1.0), 1, 4, D);
            String regShape = b.node("Concat", List.of(batch, b.longs("four_d", 4, D)), attr("axis", 0));
            parts.add(b.node("Expand", e + "reg_token", regShape));
            parts.add(placed);
            x = b.node("Concat", parts, attr("axis", 1));                                      // [B, n, D]
        } else {
            parts.add(patches);
            x = b.node("Concat", parts, attr("axis", 1));                                      // [B, n, D]
            b.floats(e + "position_embeddings", gaussian(r, n * D, 0.5), 1, n, D);
            x = b.node("Add", x, e + "position_embeddings");
        }
        b.scalar("sqrt_dh", (float) Math.sqrt(DH));
        b.longs("split_heads", 0, 0, HEADS, DH);
        b.longs("merge_heads", 0, 0, D);
        List<String> probabilities = new ArrayList<>();
        for (int l = 0; l < LAYERS; l++) {
            String pre = name + ".encoder.layer." + l + ".";
            String node = "/" + name + "/encoder/layer." + l + "/";
            String h = layerNorm(b, r, x, pre + "layernorm_before");
            String q = linear(b, r, h, pre + "attention.attention.query", D, D);
            String k = linear(b, r, h, pre + "attention.attention.key", D, D);
            String v = linear(b, r, h, pre + "attention.attention.value", D, D);
            String qh = b.node("Transpose", List.of(b.node("Reshape", q, "split_heads")), attrs("perm", 0, 2, 1, 3));
            String kh = b.node("Transpose", List.of(b.node("Reshape", k, "split_heads")), attrs("perm", 0, 2, 1, 3));
            String vh = b.node("Transpose", List.of(b.node("Reshape", v, "split_heads")), attrs("perm", 0, 2, 1, 3));
            String kt = b.node("Transpose", List.of(kh), attrs("perm", 0, 1, 3, 2));
            String scores = b.node("Div", b.node("MatMul", qh, kt), "sqrt_dh");
            String probs = b.named("Softmax", node + "attention/attention/Softmax", List.of(scores), attr("axis", -1));
            probabilities.add(probs);
            String ctx = b.node("MatMul", probs, vh);                                          // [B, H, n, dh]
            ctx = b.node("Reshape", b.node("Transpose", List.of(ctx), attrs("perm", 0, 2, 1, 3)), "merge_heads");
            x = b.node("Add", linear(b, r, ctx, pre + "attention.output.dense", D, D), x);
            h = layerNorm(b, r, x, pre + "layernorm_after");
            h = gelu(b, linear(b, r, h, pre + "intermediate.dense", D, FFN));
            x = b.node("Add", linear(b, r, h, pre + "output.dense", FFN, D), x);
        }
        x = layerNorm(b, r, x, name + ".layernorm");
        String cls = b.node("Gather", List.of(x, b.longScalar("token_zero", 0)), attr("axis", 1));    // [B, D]
        String logits = linear(b, r, cls, "classifier", D, LABELS);
        b.rename(logits, "logits");
        b.output("logits", TensorProto.DataType.FLOAT, "batch_size", Integer.toString(LABELS));
        return new Generated(OnnxBuilder.model(b.graph("main_graph"), 17, false), List.copyOf(probabilities), spec);
    }

    /**
     * The {@code preprocessor_config.json} of a {@code ViTImageProcessor} resizing to the model's image size.
     *
     * @param resample PIL resample code (0 nearest, 1 Lanczos, 2 bilinear, 3 bicubic, 4 box, 5 Hamming)
     */
    public static String preprocessorConfig(Spec spec, int resample) {
        return String.format(Locale.ROOT, """
                {
                  "do_normalize": true,
                  "do_rescale": true,
                  "do_resize": true,
                  "image_mean": [0.5, 0.5, 0.5],
                  "image_processor_type": "ViTImageProcessor",
                  "image_std": [0.5, 0.5, 0.5],
                  "resample": %d,
                  "rescale_factor": 0.00392156862745098,
                  "size": {"height": %d, "width": %d}
                }
                """, resample, spec.height(), spec.width());
    }

    /**
     * Writes {@code dir/model.onnx} and (when {@code config} is not null) {@code dir/preprocessor_config.json};
     * returns the model path.
     */
    public static Path write(Path dir, Generated g, String config) throws IOException {
        Files.createDirectories(dir);
        Path model = dir.resolve("model.onnx");
        Files.write(model, g.model().toByteArray());
        if (config != null) {
            Files.writeString(dir.resolve("preprocessor_config.json"), config, StandardCharsets.UTF_8);
        }
        return model;
    }

    // ---------------------------------------------------------------- building blocks

    private static String linear(OnnxBuilder b, Random r, String x, String name, int in, int out) {
        b.floats(name + ".weight", gaussian(r, in * out, 1.0 / Math.sqrt(in)), in, out);
        b.floats(name + ".bias", gaussian(r, out, 0.1), out);
        return b.node("Add", b.node("MatMul", x, name + ".weight"), name + ".bias");
    }

    private static String layerNorm(OnnxBuilder b, Random r, String x, String name) {
        float[] gamma = gaussian(r, D, 0.1);
        for (int i = 0; i < D; i++) {
            gamma[i] += 1f;
        }
        b.floats(name + ".weight", gamma, D);
        b.floats(name + ".bias", gaussian(r, D, 0.1), D);
        return b.node("LayerNormalization", List.of(x, name + ".weight", name + ".bias"), attr("axis", -1),
                attr("epsilon", 1e-12f));
    }

    /** GELU as torch exports it: x · 0.5 · (1 + erf(x / √2)). */
    private static String gelu(OnnxBuilder b, String x) {
        String sqrt2 = b.initializers.containsKey("gelu_sqrt2") ? "gelu_sqrt2" : b.scalar("gelu_sqrt2", (float) Math.sqrt(2));
        String one = b.initializers.containsKey("gelu_one") ? "gelu_one" : b.scalar("gelu_one", 1f);
        String half = b.initializers.containsKey("gelu_half") ? "gelu_half" : b.scalar("gelu_half", 0.5f);
        String erf = b.node("Erf", b.node("Div", x, sqrt2));
        return b.node("Mul", b.node("Mul", x, b.node("Add", erf, one)), half);
    }

    private static float[] gaussian(Random r, int size, double scale) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }
}
