package org.attnplanes.model.internal;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites applied to a model before its attention is analysed, each leaving the model's own outputs as they
 * were: a merged decoder's no-cache branch is lifted into the main graph (so its Softmax nodes become visible),
 * and fused attention ops are replaced by primitive ops ({@link FusedAttention}).
 */
public final class GraphRewrites {

    /** The rewritten model and one sentence per rewrite (empty when nothing changed). */
    public record Result(ModelProto model, List<String> notes) {

        /** Whether a com.microsoft fused attention op was decomposed (the outputs must then be checked). */
        public boolean fusedRewrite() {
            return notes.stream().anyMatch(n -> n.startsWith(FusedAttention.NOTE) && n.contains("com.microsoft."));
        }
    }

    /** The input that selects the branch of an optimum merged decoder. */
    static final String USE_CACHE_BRANCH = "use_cache_branch";

    private GraphRewrites() {
    }

    /** Applies every rewrite that fits {@code model}. */
    public static Result apply(ModelProto model) {
        List<String> notes = new ArrayList<>();
        ModelProto m = liftMergedDecoder(model, notes);
        m = FusedAttention.rewrite(m, notes);
        return new Result(m, List.copyOf(notes));
    }

    /**
     * {@code model} without the main-graph nodes that no graph output depends on (and then without the
     * initializers no kept node reads), as ONNX Runtime would drop them at session creation, where each costs more: after a fused-attention
     * rewrite the model's own per-node mask conversions and any subgraph that only fed the fused ops are left
     * without consumers. Names a kept node's subgraphs read from the outer scope count as used.
     */
    public static ModelProto withoutUnusedNodes(ModelProto model) {
        GraphProto g = model.getGraph();
        Set<String> needed = new HashSet<>();
        for (ValueInfoProto o : g.getOutputList()) {
            needed.add(o.getName());
        }
        List<NodeProto> nodes = g.getNodeList();
        boolean[] keep = new boolean[nodes.size()];
        int kept = 0;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto n = nodes.get(i);
            for (String o : n.getOutputList()) {
                keep[i] |= needed.contains(o);
            }
            if (keep[i]) {
                kept++;
                needed.addAll(n.getInputList());
                for (AttributeProto a : n.getAttributeList()) {
                    subgraphNames(a, needed);
                }
            }
        }
        if (kept == nodes.size()) {
            return model;
        }
        GraphProto.Builder b = g.toBuilder().clearNode().clearInitializer();
        for (int i = 0; i < nodes.size(); i++) {
            if (keep[i]) {
                b.addNode(nodes.get(i));
            }
        }
        for (ai.onnx.proto.OnnxMl.TensorProto t : g.getInitializerList()) {
            if (needed.contains(t.getName())) {
                b.addInitializer(t);
            }
        }
        return model.toBuilder().setGraph(b).build();
    }

    /** Every tensor name a graph attribute's nodes read (their inputs, recursively), added to {@code names}. */
    private static void subgraphNames(AttributeProto a, Set<String> names) {
        List<GraphProto> graphs = new ArrayList<>(a.getGraphsList());
        if (a.hasG()) {
            graphs.add(a.getG());
        }
        for (GraphProto sub : graphs) {
            for (NodeProto n : sub.getNodeList()) {
                names.addAll(n.getInputList());
                for (AttributeProto inner : n.getAttributeList()) {
                    subgraphNames(inner, names);
                }
            }
        }
    }

    /**
     * Whether {@link #apply} may decompose a com.microsoft fused attention op of {@code model} (a node of that
     * kind in the main graph or in a merged decoder's branch; cheap, no rewrite).
     */
    public static boolean mayRewriteFused(ModelProto model) {
        return hasContribAttention(model.getGraph().getNodeList());
    }

    private static boolean hasContribAttention(List<NodeProto> nodes) {
        for (NodeProto n : nodes) {
            if (n.getDomain().equals("com.microsoft")
                    && (n.getOpType().equals("Attention") || n.getOpType().equals("MultiHeadAttention"))) {
                return true;
            }
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG() && hasContribAttention(a.getG().getNodeList())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * An optimum merged decoder ({@code If} on the graph input {@code use_cache_branch}) becomes its no-cache
     * branch: the {@code else_branch}'s nodes and initializers take the If's place (Identity nodes give its
     * outputs the If's output names), {@code use_cache_branch} and the inputs only the cache branch read are
     * dropped. Equivalent to running the merged model with {@code use_cache_branch = false}, as the first step of
     * generation does.
     */
    static ModelProto liftMergedDecoder(ModelProto model, List<String> notes) {
        GraphProto g = model.getGraph();
        NodeProto theIf = null;
        for (NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("If") && n.getInputCount() == 1 && n.getInput(0).equals(USE_CACHE_BRANCH)) {
                theIf = n;
                break;
            }
        }
        if (theIf == null) {
            return model;
        }
        GraphProto branch = null;
        for (AttributeProto a : theIf.getAttributeList()) {
            if (a.getName().equals("else_branch")) {
                branch = a.getG();
            }
        }
        if (branch == null || branch.getOutputCount() != theIf.getOutputCount()) {
            return model;
        }
        GraphProto.Builder out = g.toBuilder().clearNode().clearInput();
        for (NodeProto n : g.getNodeList()) {
            if (n != theIf) {
                out.addNode(n);
                continue;
            }
            out.addAllNode(branch.getNodeList());
            for (int i = 0; i < theIf.getOutputCount(); i++) {
                String inner = branch.getOutput(i).getName();
                if (!inner.equals(theIf.getOutput(i))) {
                    out.addNode(NodeProto.newBuilder().setOpType("Identity").setName("attnplanes/lift/" + i)
                            .addInput(inner).addOutput(theIf.getOutput(i)));
                }
            }
        }
        out.addAllInitializer(branch.getInitializerList());
        Set<String> read = new HashSet<>();
        collectInputs(out.getNodeList(), read);
        // the cache branch's own weights and constants, now unread, are left out
        List<ai.onnx.proto.OnnxMl.TensorProto> kept = new ArrayList<>();
        for (ai.onnx.proto.OnnxMl.TensorProto t : out.getInitializerList()) {
            if (read.contains(t.getName())) {
                kept.add(t);
            }
        }
        out.clearInitializer().addAllInitializer(kept);
        out.addAllValueInfo(branch.getValueInfoList());
        Set<String> used = new HashSet<>();
        collectInputs(out.getNodeList(), used);
        for (ValueInfoProto v : g.getOutputList()) {
            used.add(v.getName());
        }
        for (ValueInfoProto v : g.getInputList()) {
            if (!v.getName().equals(USE_CACHE_BRANCH) && used.contains(v.getName())) {
                out.addInput(v);
            }
        }
        notes.add("merged decoder: the no-cache branch (else_branch of If \"" + theIf.getName()
                + "\", use_cache_branch = false) was lifted into the main graph");
        return model.toBuilder().setGraph(out).build();
    }

    /** Every name a node reads, including names read from inside its subgraphs. */
    static void collectInputs(List<NodeProto> nodes, Set<String> into) {
        for (NodeProto n : nodes) {
            into.addAll(n.getInputList());
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG()) {
                    collectInputs(a.getG().getNodeList(), into);
                }
                for (GraphProto sub : a.getGraphsList()) {
                    collectInputs(sub.getNodeList(), into);
                }
            }
        }
    }
}
