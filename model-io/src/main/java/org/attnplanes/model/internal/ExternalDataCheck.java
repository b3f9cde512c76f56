package org.attnplanes.model.internal;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.attnplanes.model.ModelException;

/**
 * Checks every tensor of a model that keeps its bytes in ONNX external data before ONNX Runtime sees the model.
 * The ONNX spec makes a {@code location} relative to the model's directory; a model file must not make the
 * runtime read anything else. Refused, with one sentence naming the model, the tensor and the location:
 * <ul>
 *   <li>a missing or empty location, an absolute one ({@code /etc/x}, {@code C:\x}, {@code \\host\x}), one with a
 *       backslash, a NUL or a {@code ..} segment;</li>
 *   <li>a location that is not a regular file inside the model's directory once symlinks are resolved (a link
 *       pointing out of the folder is refused even when its name looks harmless);</li>
 *   <li>an {@code offset} or {@code length} that is not a non-negative integer, and a range
 *       {@code offset + length} (or, without {@code length}, the tensor's own size) beyond the end of the file.</li>
 * </ul>
 * Initializers, sparse initializers, {@code Constant} values and the tensors of subgraphs ({@code If},
 * {@code Loop}, {@code Scan} bodies) are all checked.
 *
 * <pre>{@code
 * ExternalDataCheck.check(proto, modelPath);   // throws ModelException
 * }</pre>
 */
public final class ExternalDataCheck {

    private final Path model;
    private final Path dir;
    private final Path realDir;
    private final Map<String, Long> sizes = new HashMap<>();

    private ExternalDataCheck(Path model) {
        this.model = model;
        this.dir = model.toAbsolutePath().normalize().getParent();
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            real = dir;
        }
        this.realDir = real;
    }

    /**
     * Checks every external-data reference of {@code proto}, read from {@code model}.
     *
     * @throws ModelException naming the model, the tensor and the location of the first bad reference
     */
    public static void check(ModelProto proto, Path model) {
        new ExternalDataCheck(model).graph(proto.getGraph());
    }

    private void graph(GraphProto g) {
        for (TensorProto t : g.getInitializerList()) {
            tensor(t, "initializer");
        }
        for (SparseTensorProto s : g.getSparseInitializerList()) {
            tensor(s.getValues(), "sparse initializer");
            tensor(s.getIndices(), "sparse initializer");
        }
        for (NodeProto n : g.getNodeList()) {
            for (AttributeProto a : n.getAttributeList()) {
                attribute(a);
            }
        }
    }

    private void attribute(AttributeProto a) {
        if (a.hasT()) {
            tensor(a.getT(), "constant");
        }
        for (TensorProto t : a.getTensorsList()) {
            tensor(t, "constant");
        }
        if (a.hasSparseTensor()) {
            tensor(a.getSparseTensor().getValues(), "constant");
            tensor(a.getSparseTensor().getIndices(), "constant");
        }
        if (a.hasG()) {
            graph(a.getG());
        }
        for (GraphProto g : a.getGraphsList()) {
            graph(g);
        }
    }

    private void tensor(TensorProto t, String kind) {
        if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL && t.getExternalDataCount() == 0) {
            return;
        }
        String location = null;
        String offset = null;
        String length = null;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = e.getValue();
                case "length" -> length = e.getValue();
                default -> {
                    // checksum and other keys are not used to locate bytes
                }
            }
        }
        String what = kind + " \"" + t.getName() + "\"";
        if (location == null || location.isEmpty()) {
            throw refuse(what + " keeps its data externally but names no location");
        }
        String shown = "\"" + location.replace("\0", "\\0") + "\"";
        if (location.indexOf('\0') >= 0 || location.indexOf('\\') >= 0 || location.startsWith("/")
                || location.matches("^[A-Za-z]:.*")) {
            throw refuse(what + " has the external data location " + shown + ", which is absolute or not portable; "
                    + "ONNX locations are relative to the model's folder");
        }
        for (String segment : location.split("/")) {
            if (segment.equals("..")) {
                throw refuse(what + " has the external data location " + shown + ", which leaves the model's folder "
                        + "(ONNX locations are relative to the model's folder)");
            }
        }
        Path file = dir.resolve(location).normalize();
        if (!file.startsWith(dir)) {
            throw refuse(what + " has the external data location " + shown + ", which leaves the model's folder");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw refuse(what + " has the external data location " + shown + ", but " + file.getFileName()
                    + " does not exist next to the model");
        }
        if (!real.startsWith(realDir)) {
            throw refuse(what + " has the external data location " + shown + ", a symbolic link that leads out of "
                    + "the model's folder to " + real);
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw refuse(what + " has the external data location " + shown + ", which is not a regular file");
        }
        long size = sizes.computeIfAbsent(real.toString(), k -> sizeOf(real));
        long off = number(offset, 0, what, "offset");
        long expected = byteSize(t);
        long len = number(length, expected, what, "length");
        if (off > size || len > size - off) {
            throw refuse(what + " reads bytes " + off + " to " + (off + Math.max(len, 0)) + " of " + shown
                    + ", but the file has only " + size + " bytes");
        }
    }

    private long number(String value, long missing, String what, String key) {
        if (value == null) {
            return missing;
        }
        try {
            long v = Long.parseLong(value.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw refuse(what + " has the external data " + key + " \"" + value + "\"; it must be a whole number >= 0");
    }

    /** The tensor's size in bytes from its shape and type, or 0 when the type has no fixed width. */
    private static long byteSize(TensorProto t) {
        int width = switch (TensorProto.DataType.forNumber(t.getDataType()) == null ? TensorProto.DataType.UNDEFINED
                : TensorProto.DataType.forNumber(t.getDataType())) {
            case FLOAT, INT32, UINT32 -> 4;
            case DOUBLE, INT64, UINT64, COMPLEX64 -> 8;
            case COMPLEX128 -> 16;
            case FLOAT16, BFLOAT16, INT16, UINT16 -> 2;
            case INT8, UINT8, BOOL -> 1;
            default -> 0;
        };
        long n = 1;
        for (long d : t.getDimsList()) {
            if (d < 0) {
                return 0;
            }
            n = Math.multiplyHigh(n, d) != 0 ? Long.MAX_VALUE / 16 : n * d;
        }
        return width * n;
    }

    private long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw refuse("cannot read the external data file " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private ModelException refuse(String problem) {
        return new ModelException("model " + model.getFileName() + ": " + problem);
    }
}
