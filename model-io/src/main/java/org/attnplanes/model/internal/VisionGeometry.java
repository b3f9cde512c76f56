package org.attnplanes.model.internal;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a vision transformer's graph says about its patches: the patch embedding {@code Conv} fed by
 * {@code pixel_values} (patch size = its stride, which must equal its kernel), the learned position table
 * ({@code [1, T, D]} added, or {@code [T, D]} gathered, with D the Conv's output channels), the tokens
 * concatenated before the patches ({@code [CLS]}, {@code [DIST]}, registers) and the declared height and width
 * of {@code pixel_values}. The grid itself is decided by {@code ImageCapturer} from these facts and the
 * preprocessing.
 *
 * @param patch         patch side p in pixels
 * @param channels      input channels of the Conv (3 for RGB)
 * @param hidden        hidden size D (Conv output channels)
 * @param positionRows  rows T of the position table, or -1 when none was found
 * @param prefix        labels of the leading tokens in concat order (empty when there is no concat)
 * @param staticHeight  declared height of {@code pixel_values}, or -1 when dynamic
 * @param staticWidth   declared width, or -1 when dynamic
 * @param positionCoversPrefix whether the position table has rows for the leading tokens too (Hugging Face: it is
 *                      added after the concat) or for the patches only (timm's {@code no_embed_class}, e.g. register
 *                      ViTs: added to the patches before the concat)
 */
public record VisionGeometry(int patch, int channels, int hidden, int positionRows, List<String> prefix,
                             int staticHeight, int staticWidth, boolean positionCoversPrefix) {

    /** The position-table rows of the leading tokens: their count when the table covers them, else 0. */
    public int positionPrefix() {
        return positionCoversPrefix ? prefix.size() : 0;
    }

    /** The input a vision transformer takes. */
    public static final String INPUT = "pixel_values";

    /**
     * Reads the geometry of {@code model}.
     *
     * @throws IllegalArgumentException with the reason (one clause) when no patch-embedding Conv is fed by
     *                                  {@code pixel_values} or its stride differs from its kernel
     */
    public static VisionGeometry of(ModelProto model) {
        GraphProto g = model.getGraph();
        Map<String, TensorProto> init = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            init.put(t.getName(), t);
        }
        Map<String, NodeProto> producer = new HashMap<>();
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            for (String o : n.getOutputList()) {
                producer.put(o, n);
            }
            for (String i : n.getInputList()) {
                consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
            }
        }
        NodeProto conv = findConv(INPUT, consumers);
        if (conv == null) {
            throw new IllegalArgumentException("no Conv patch embedding is fed by " + INPUT);
        }
        long[] kernel = ints(conv, "kernel_shape");
        long[] strides = ints(conv, "strides");
        TensorProto weight = conv.getInputCount() > 1 ? init.get(conv.getInput(1)) : null;
        if (weight == null || weight.getDimsCount() != 4) {
            throw new IllegalArgumentException("the patch-embedding Conv \"" + conv.getName() + "\" has no 4-D weight "
                    + "initializer");
        }
        if (kernel == null) {
            kernel = new long[] {weight.getDims(2), weight.getDims(3)};
        }
        if (strides == null || strides.length != 2 || kernel.length != 2 || strides[0] != strides[1]
                || strides[0] != kernel[0] || kernel[0] != kernel[1]) {
            throw new IllegalArgumentException("the patch-embedding Conv \"" + conv.getName() + "\" has kernel "
                    + java.util.Arrays.toString(kernel) + " and strides " + java.util.Arrays.toString(strides)
                    + "; patches need square kernels with stride = kernel");
        }
        int hidden = (int) weight.getDims(0);
        int channels = (int) weight.getDims(1);
        // the concat that puts the leading tokens before the patches, and the position table after it
        Set<String> patchPath = downstream(conv.getOutput(0), consumers, 12);
        List<String> prefix = new ArrayList<>();
        String prefixConcat = null;
        for (NodeProto n : g.getNodeList()) {
            if (!n.getOpType().equals("Concat") || n.getInputCount() < 2 || !patchPath.contains(n.getOutput(0))) {
                continue;
            }
            long axis = intAttr(n, "axis", 0);
            if (axis != 1 && axis != -2) {
                continue;
            }
            int patchInput = -1;
            for (int i = 0; i < n.getInputCount(); i++) {
                if (patchPath.contains(n.getInput(i)) || n.getInput(i).equals(conv.getOutput(0))) {
                    patchInput = i;
                }
            }
            if (patchInput <= 0) {
                continue;
            }
            for (int i = 0; i < patchInput; i++) {
                TensorProto src = sourceInitializer(n.getInput(i), producer, init);
                int count = src != null && src.getDimsCount() == 3 ? (int) src.getDims(1) : 1;
                String name = src == null ? "" : src.getName().toLowerCase(Locale.ROOT);
                for (int k = 0; k < count; k++) {
                    prefix.add(label(name, prefix.size(), count, k));
                }
            }
            prefixConcat = n.getOutput(0);
            break;
        }
        int positionRows = -1;
        boolean coversPrefix = true;
        for (TensorProto t : g.getInitializerList()) {
            boolean shaped = (t.getDimsCount() == 3 && t.getDims(0) == 1 && t.getDims(2) == hidden)
                    || (t.getDimsCount() == 2 && t.getDims(1) == hidden);
            String lower = t.getName().toLowerCase(Locale.ROOT);
            if (!shaped || !(lower.contains("position") || lower.contains("pos_embed"))) {
                continue;
            }
            positionRows = (int) t.getDims(t.getDimsCount() - 2);
            // added to the patches before the prefix concat (timm's no_embed_class): the concat is downstream of it
            if (prefixConcat != null) {
                for (NodeProto user : consumers.getOrDefault(t.getName(), List.of())) {
                    for (String o : user.getOutputList()) {
                        if (downstream(o, consumers, 12).contains(prefixConcat)) {
                            coversPrefix = false;
                        }
                    }
                }
            }
            break;
        }
        int h = -1;
        int w = -1;
        for (ValueInfoProto v : g.getInputList()) {
            if (v.getName().equals(INPUT) && v.getType().hasTensorType() && v.getType().getTensorType().hasShape()) {
                TensorShapeProto s = v.getType().getTensorType().getShape();
                if (s.getDimCount() == 4) {
                    h = s.getDim(2).hasDimValue() ? (int) s.getDim(2).getDimValue() : -1;
                    w = s.getDim(3).hasDimValue() ? (int) s.getDim(3).getDimValue() : -1;
                }
            }
        }
        return new VisionGeometry((int) strides[0], channels, hidden, positionRows, List.copyOf(prefix), h, w,
                coversPrefix);
    }

    private static String label(String initializerName, int index, int count, int k) {
        if (initializerName.contains("dist")) {
            return "[DIST]";
        }
        if (initializerName.contains("register") || initializerName.contains("reg_token")) {
            return "[REG" + (k + 1) + "]";
        }
        if (index == 0) {
            return "[CLS]";
        }
        return count > 1 ? "[TOK" + index + "]" : index == 1 ? "[DIST]" : "[TOK" + index + "]";
    }

    /** The Conv reached from {@code input} through at most a few shape-preserving nodes (Cast, Identity, Pad…). */
    private static NodeProto findConv(String input, Map<String, List<NodeProto>> consumers) {
        Deque<String> queue = new ArrayDeque<>(List.of(input));
        Set<String> seen = new HashSet<>();
        int steps = 0;
        while (!queue.isEmpty() && steps++ < 32) {
            String v = queue.poll();
            for (NodeProto n : consumers.getOrDefault(v, List.of())) {
                if (n.getOpType().equals("Conv") && n.getInput(0).equals(v)) {
                    return n;
                }
                if (Set.of("Cast", "Identity", "Sub", "Div", "Mul", "Add").contains(n.getOpType())
                        && seen.add(n.getOutput(0))) {
                    queue.add(n.getOutput(0));
                }
            }
        }
        return null;
    }

    /** Values reachable from {@code start} within {@code depth} nodes. */
    private static Set<String> downstream(String start, Map<String, List<NodeProto>> consumers, int depth) {
        Set<String> out = new HashSet<>();
        List<String> frontier = List.of(start);
        for (int d = 0; d < depth && !frontier.isEmpty(); d++) {
            List<String> next = new ArrayList<>();
            for (String v : frontier) {
                for (NodeProto n : consumers.getOrDefault(v, List.of())) {
                    if (n.getOpType().equals("Shape")) {
                        continue;
                    }
                    for (String o : n.getOutputList()) {
                        if (out.add(o)) {
                            next.add(o);
                        }
                    }
                }
            }
            frontier = next;
        }
        return out;
    }

    /** The initializer a value comes from through Expand/Tile/Cast/Identity/Reshape, or null. */
    private static TensorProto sourceInitializer(String value, Map<String, NodeProto> producer,
                                                 Map<String, TensorProto> init) {
        String v = value;
        for (int i = 0; i < 8; i++) {
            if (init.containsKey(v)) {
                return init.get(v);
            }
            NodeProto n = producer.get(v);
            if (n == null || n.getInputCount() == 0
                    || !Set.of("Expand", "Tile", "Cast", "Identity", "Reshape", "Unsqueeze").contains(n.getOpType())) {
                return null;
            }
            v = n.getInput(0);
        }
        return null;
    }

    private static long[] ints(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            }
        }
        return null;
    }

    private static long intAttr(NodeProto n, String name, long dflt) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return dflt;
    }
}
