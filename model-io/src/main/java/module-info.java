/**
 * AttentionPlanes model-io: opens ONNX transformers, exposes their attention Softmax outputs by graph
 * surgery and produces {@link org.attnplanes.graph.AttentionTrace}s. The only module that sees ONNX
 * Runtime; no ONNX Runtime type crosses its public API.
 */
module org.attnplanes.model {
    requires transitive org.attnplanes.graph;
    requires com.microsoft.onnxruntime;
    requires org.tribuo.util.onnx;
    requires com.google.protobuf;
    requires ai.djl.tokenizers;
    requires com.google.gson;
    requires java.desktop;

    exports org.attnplanes.model;
}
