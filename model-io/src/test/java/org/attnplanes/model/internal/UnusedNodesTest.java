package org.attnplanes.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.attnplanes.testmodels.OnnxBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@link GraphRewrites#withoutUnusedNodes} keeps exactly the nodes some graph output depends on, checked against
 * a brute-force fixpoint on seeded random graphs (with an {@code If} whose branch reads an outer tensor that is
 * not one of its inputs); when it drops nodes it keeps only the initializers a kept node or an output reads.
 */
class UnusedNodesTest {

    @Test
    void keepsExactlyTheNodesOutputsDependOn_againstBruteForce() {
        Random r = new Random(20261206);
        for (int trial = 0; trial < 200; trial++) {
            OnnxBuilder b = new OnnxBuilder("");
            b.input("x", TensorProto.DataType.FLOAT, "2");
            List<String> tensors = new ArrayList<>(List.of("x"));
            int inits = 1 + r.nextInt(4);
            for (int i = 0; i < inits; i++) {
                tensors.add(b.scalar("c" + i, i));
            }
            int nodes = 1 + r.nextInt(12);
            for (int i = 0; i < nodes; i++) {
                String a = tensors.get(r.nextInt(tensors.size()));
                String c = tensors.get(r.nextInt(tensors.size()));
                if (r.nextInt(6) == 0) {
                    // an If whose branch reads an outer tensor (c) through the scope, not through its inputs
                    OnnxBuilder branch = new OnnxBuilder("");
                    String y = branch.node("Identity", c);
                    branch.outputs.add(ValueInfoProto.newBuilder().setName(y).build());
                    GraphProto g = branch.graph("branch" + i);
                    tensors.add(b.nodeN("If", "", List.of(a), 1, OnnxBuilder.attr("then_branch", g),
                            OnnxBuilder.attr("else_branch", g)).get(0));
                } else {
                    tensors.add(b.node("Add", a, c));
                }
            }
            int outs = r.nextInt(3);
            for (int i = 0; i < outs; i++) {
                b.outputs.add(ValueInfoProto.newBuilder().setName(tensors.get(r.nextInt(tensors.size()))).build());
            }
            ModelProto m = OnnxBuilder.model(b.graph("g"), 17, false);
            ModelProto pruned = GraphRewrites.withoutUnusedNodes(m);

            // brute force: a node is needed when one of its outputs is a graph output or read by a needed node
            // (inputs and, for an If, what its branches read), repeated until nothing changes
            List<NodeProto> all = m.getGraph().getNodeList();
            Set<Integer> needed = new HashSet<>();
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int i = 0; i < all.size(); i++) {
                    if (needed.contains(i)) {
                        continue;
                    }
                    for (String o : all.get(i).getOutputList()) {
                        boolean used = m.getGraph().getOutputList().stream().anyMatch(v -> v.getName().equals(o));
                        for (int j : needed) {
                            used |= reads(all.get(j)).contains(o);
                        }
                        if (used && needed.add(i)) {
                            changed = true;
                        }
                    }
                }
            }
            Set<String> want = new TreeSet<>();
            Set<String> wantInits = new TreeSet<>();
            for (int i : needed) {
                want.add(all.get(i).getOutput(0));
                wantInits.addAll(reads(all.get(i)));
            }
            Set<String> got = new TreeSet<>();
            for (NodeProto n : pruned.getGraph().getNodeList()) {
                got.add(n.getOutput(0));
            }
            assertEquals(want, got, "trial " + trial);
            Set<String> gotInits = new TreeSet<>();
            for (TensorProto t : pruned.getGraph().getInitializerList()) {
                gotInits.add(t.getName());
            }
            for (TensorProto t : m.getGraph().getInitializerList()) {
                boolean read = wantInits.contains(t.getName())
                        || m.getGraph().getOutputList().stream().anyMatch(v -> v.getName().equals(t.getName()));
                // with nothing to drop the model comes back as it is (an unread initializer included)
                assertEquals(read || needed.size() == all.size(), gotInits.contains(t.getName()),
                        "trial " + trial + " initializer " + t.getName());
            }
            if (needed.size() == all.size()) {
                assertSame(m, pruned, "trial " + trial + ": nothing to drop returns the model itself");
            }
        }
    }

    private static Set<String> reads(NodeProto n) {
        Set<String> s = new HashSet<>(n.getInputList());
        n.getAttributeList().forEach(a -> {
            if (a.hasG()) {
                a.getG().getNodeList().forEach(inner -> s.addAll(inner.getInputList()));
            }
        });
        return s;
    }
}
