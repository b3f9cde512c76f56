package org.attnplanes.app.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.BlockKind;
import org.attnplanes.graph.NamedTensor;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.ValueNorms;

/**
 * The layer groups of one input, kept between the two sweeps of a globally normalized multi-pass analysis
 * ({@link LayerPasses}) so the model runs once per group instead of twice: each group's attention planes go to a
 * temporary file (float32, off the heap) as the first sweep captures them, and the second sweep reads them back
 * one group at a time. Only one group's planes are ever on the heap. The traces read back equal the captured
 * ones plane for plane (bit for bit); of the model's ordinary outputs only those a classifier plane can use
 * (shape {@code [1, C]}) are kept, in memory. The file is deleted on {@link #close()}.
 */
final class SpilledGroups implements AutoCloseable {

    /** Disk space left free beyond the spilled planes. */
    static final long FREE_MARGIN = 256L << 20;

    private static final int CHUNK = 1 << 20;

    /** Where a group's planes start, and the small parts of its trace (never its planes). */
    private record Group(long offset, String text, List<Token> tokens, int layers, int heads, ValueNorms valueNorms,
                         Map<String, NamedTensor> outputs, Provenance provenance, BlockKind block) {
    }

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private final List<Group> groups = new ArrayList<>();
    private long end;

    private SpilledGroups(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * A spill file for {@code bytes} of planes in the temporary directory, or null when that directory cannot
     * hold them with {@link #FREE_MARGIN} to spare (the caller then runs the model twice, as before).
     */
    static SpilledGroups create(long bytes) {
        Path file = null;
        try {
            file = Files.createTempFile("attnplanes-layer-passes-", ".f32");
            if (Files.getFileStore(file).getUsableSpace() < bytes + FREE_MARGIN) {
                Files.deleteIfExists(file);
                return null;
            }
            return new SpilledGroups(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE));
        } catch (IOException | UnsupportedOperationException e) {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file that could not be used: nothing else to do
                }
            }
            return null;
        }
    }

    /**
     * Writes the planes of one group's trace; its small parts stay in memory.
     *
     * @throws IllegalArgumentException for an encoder–decoder's cross-attention (bipartite) trace
     */
    void add(AttentionTrace trace) {
        if (trace.bipartite()) {
            throw new IllegalArgumentException("a cross-attention trace is not spilled; capture it again instead");
        }
        long offset = end;
        try {
            for (int l = 0; l < trace.layers(); l++) {
                for (int h = 0; h < trace.heads(); h++) {
                    float[] plane = trace.attention(l, h).toArray();
                    for (int from = 0; from < plane.length; from += CHUNK / 4) {
                        int len = Math.min(CHUNK / 4, plane.length - from);
                        buffer.clear();
                        buffer.asFloatBuffer().put(plane, from, len);
                        buffer.limit(len * 4);
                        while (buffer.hasRemaining()) {
                            end += channel.write(buffer, end);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the layer-pass spill file " + file + ": " + e.getMessage(), e);
        }
        Map<String, NamedTensor> kept = new LinkedHashMap<>();
        trace.outputs().forEach((name, t) -> {
            if (t.rank() == 2 && t.dimension(0) == 1) {
                kept.put(name, t);
            }
        });
        groups.add(new Group(offset, trace.text(), trace.tokens(), trace.layers(), trace.heads(),
                trace.valueNorms().orElse(null), kept, trace.provenance(), trace.block()));
    }

    /** Number of groups written. */
    int size() {
        return groups.size();
    }

    /** Group {@code index}'s trace, read back from the file. */
    AttentionTrace get(int index) {
        Group g = groups.get(index);
        int n = g.tokens().size();
        long position = g.offset();
        List<List<AttentionMatrix>> attention = new ArrayList<>(g.layers());
        try {
            for (int l = 0; l < g.layers(); l++) {
                List<AttentionMatrix> layer = new ArrayList<>(g.heads());
                for (int h = 0; h < g.heads(); h++) {
                    float[] plane = new float[n * n];
                    for (int from = 0; from < plane.length; from += CHUNK / 4) {
                        int len = Math.min(CHUNK / 4, plane.length - from);
                        buffer.clear().limit(len * 4);
                        while (buffer.hasRemaining()) {
                            int r = channel.read(buffer, position);
                            if (r < 0) {
                                throw new IOException("unexpected end of file");
                            }
                            position += r;
                        }
                        buffer.flip();
                        FloatBuffer f = buffer.asFloatBuffer();
                        f.get(plane, from, len);
                    }
                    layer.add(AttentionMatrix.ofProbabilities(n, plane));
                }
                attention.add(layer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the layer-pass spill file " + file + ": " + e.getMessage(), e);
        }
        AttentionTrace t = new AttentionTrace(g.text(), g.tokens(), attention, g.valueNorms(), g.outputs(),
                g.provenance());
        return g.block() == BlockKind.SELF ? t : t.withBlock(g.block());
    }

    @Override
    public void close() {
        groups.clear();
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the file was opened DELETE_ON_CLOSE; nothing more to do
        }
    }
}
