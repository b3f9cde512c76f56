package org.attnplanes.app.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code planes.csv} rows and {@code barcodes.json} planes of analysed inputs, formatted into bytes by the
 * worker that analysed each input ({@link #add}), while the other workers still capture and analyse theirs. The
 * writers ({@link TidyTableWriter#writeHashed(java.nio.file.Path, Map, List, FormattedRows)},
 * {@link JsonExport#writeBarcodesHashed(java.nio.file.Path, Map, List, FormattedRows)}) then copy those bytes
 * through the hashing sink instead of formatting ≈ 18 MB after the run, when at most two threads are busy (issue
 * 16: 0.3 s of a 200-sentence run's wall time).
 *
 * <p>The bytes are those the writers would make: the same row and plane writers, into a sink of the same encoding.
 * Nothing the whole run decides is in them: a CSV row is formatted with its statistics in its own order, and the
 * writer copies it only when that order is the header's (the union over all rows, known only at the end); the
 * barcodes.json separators between planes stay with the writer. An input is copied only when the rows being
 * written at that point are the very records formatted (same objects, same order); any other rows (read back
 * from a checkpoint by a resumed run, or not formatted) are formatted by the writer as before.
 *
 * <p>Thread-safe: workers add concurrently (each formats on its own thread with its own buffers).
 */
public final class FormattedRows {

    /**
     * One input's formatted rows.
     *
     * @param rows     the records formatted, in order
     * @param csv      their {@code planes.csv} lines, statistics in each row's own order
     * @param json     their {@code barcodes.json} planes after each plane's opening (labels, bars, closing brace),
     *                 one after another; null when the run writes no barcodes
     * @param jsonEnds where each row's plane ends in {@code json}; null with it
     */
    record Input(List<PlaneRecord> rows, byte[] csv, byte[] json, int[] jsonEnds) {
    }

    /** Each worker thread's sink into a growing byte array, with its barcode line writer. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final boolean barcodes;
    private final Map<Integer, Input> inputs = new ConcurrentHashMap<>();

    /** @param barcodes whether the run writes {@code barcodes.json} (not for {@code --stats none}) */
    public FormattedRows(boolean barcodes) {
        this.barcodes = barcodes;
    }

    /**
     * Formats the rows of one input, in the order the writers will meet them (the input's planes in plane order),
     * on the calling thread. Rows of several inputs, or none, are left to the writers.
     */
    public void add(List<PlaneRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int input = rows.get(0).input();
        for (PlaneRecord r : rows) {
            if (r.input() != input) {
                return;
            }
        }
        List<PlaneRecord> own = List.copyOf(rows);
        try {
            inputs.put(input, SCRATCH.get().format(own, barcodes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);     // into memory: not expected
        }
    }

    /**
     * The formatted input whose records are {@code rows[from, from + k)} (the same objects in the same order,
     * k ≥ 1), or null when {@code rows[from]}'s input was not formatted or its records there differ.
     */
    Input at(List<PlaneRecord> rows, int from) {
        Input done = inputs.get(rows.get(from).input());
        if (done == null || rows.size() - from < done.rows().size()) {
            return null;
        }
        for (int k = 0; k < done.rows().size(); k++) {
            if (rows.get(from + k) != done.rows().get(k)) {
                return null;
            }
        }
        return done;
    }

    /** A sink into memory, reused by one thread for input after input. */
    private static final class Scratch {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 17);
        private final Utf8Sink sink = new Utf8Sink(bytes, null);
        private final BarcodeLines lines = new BarcodeLines(sink);

        Input format(List<PlaneRecord> rows, boolean barcodes) throws IOException {
            for (PlaneRecord r : rows) {
                TidyTableWriter.rowByPosition(sink, r);
            }
            byte[] csv = take();
            if (!barcodes) {
                return new Input(rows, csv, null, null);
            }
            int[] ends = new int[rows.size()];
            long start = sink.bytes();
            for (int k = 0; k < ends.length; k++) {
                lines.write(rows.get(k));
                ends[k] = Math.toIntExact(sink.bytes() - start);
            }
            return new Input(rows, csv, take(), ends);
        }

        /** The bytes written since the last call (every row ends with an ASCII character: nothing is pending). */
        private byte[] take() throws IOException {
            sink.flush();
            byte[] out = bytes.toByteArray();
            bytes.reset();
            return out;
        }
    }
}
