package org.attnplanes.model.internal;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells an encoder–decoder's decoder Softmax nodes apart: a <b>cross-attention</b> Softmax is one whose value tensor
 * is computed from the encoder's output (the graph input {@code encoder_hidden_states}, or a cached encoder key/value
 * {@code past_key_values.N.encoder.*}) <em>directly</em>, i.e. without passing through the output of another attention
 * (later self-attention layers read the encoder only through earlier cross-attention outputs); every other attention
 * Softmax of the decoder is its causal self-attention. Decided from the graph's data flow, never from tensor shapes
 * (n_target may equal n_source).
 */
public final class CrossAttentionGraph {

    /** The graph input through which a decoder reads the encoder's output. */
    public static final String ENCODER_STATES = "encoder_hidden_states";

    private CrossAttentionGraph() {
    }

    /** Whether {@code input} carries the encoder's output (its hidden states or a cached cross key/value). */
    public static boolean isEncoderInput(String input) {
        String n = input.toLowerCase(Locale.ROOT);
        return n.equals(ENCODER_STATES) || n.equals("encoder_outputs")
                || (n.startsWith("past_key_values.") && n.contains(".encoder."));
    }

    /**
     * For each Softmax (in the analysis' order), whether it is a cross-attention Softmax.
     *
     * @param model the (rewritten) model the analysis was made of
     */
    public static boolean[] crossFlags(ModelProto model, List<GraphAnalysis.Softmax> softmaxes) {
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            for (String o : n.getOutputList()) {
                producers.put(o, n);
            }
        }
        // probability tensors: every Softmax output and what Cast/Dropout/Identity pass on from it
        Set<String> probabilities = new HashSet<>();
        for (GraphAnalysis.Softmax s : softmaxes) {
            probabilities.add(s.probabilities());
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (NodeProto n : model.getGraph().getNodeList()) {
                if (Set.of("Cast", "Dropout", "Identity").contains(n.getOpType()) && n.getInputCount() > 0
                        && probabilities.contains(n.getInput(0))) {
                    grew |= probabilities.addAll(n.getOutputList());
                }
            }
        }
        boolean[] cross = new boolean[softmaxes.size()];
        for (int i = 0; i < cross.length; i++) {
            cross[i] = readsEncoder(softmaxes.get(i).value(), producers, probabilities);
        }
        return cross;
    }

    private static boolean readsEncoder(String tensor, Map<String, NodeProto> producers, Set<String> probabilities) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.push(tensor);
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (t.isEmpty() || !seen.add(t)) {
                continue;
            }
            if (isEncoderInput(t)) {
                return true;
            }
            NodeProto p = producers.get(t);
            if (p != null && p.getInputList().stream().noneMatch(probabilities::contains)) {
                p.getInputList().forEach(todo::push);      // (an attention output is not followed further)
            }
        }
        return false;
    }
}
