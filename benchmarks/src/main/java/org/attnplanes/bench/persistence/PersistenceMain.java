package org.attnplanes.bench.persistence;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.io.BarcodeText;
import org.attnplanes.topology.io.DistanceMatrixReader;
import org.attnplanes.topology.io.InputFormat;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.RipsPersistence;

/**
 * {@code PersistenceMain [--format F] [--dim K] [--threshold T] [--edge-collapse] FILE}: prints the barcodes
 * in ripser's text format, like {@code ripser} with the same arguments. Needs only the topology and
 * graph-core classes on the class path, so the process starts as lean as the engine allows.
 */
public final class PersistenceMain {

    private PersistenceMain() {
    }

    /** Runs once; exit status 2 on bad arguments. */
    public static void main(String[] args) {
        String format = "lower-distance";
        int dim = 1;
        Float threshold = null;
        boolean collapse = false;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--format" -> format = args[++i];
                case "--dim" -> dim = Integer.parseInt(args[++i]);
                case "--threshold" -> threshold = Float.parseFloat(args[++i]);
                case "--edge-collapse" -> collapse = true;
                default -> file = args[i];
            }
        }
        if (file == null) {
            System.err.println("usage: PersistenceMain [--format F] [--dim K] [--threshold T] [--edge-collapse] FILE");
            System.exit(2);
        }
        DistanceMatrix d = DistanceMatrixReader.read(Path.of(file), InputFormat.fromCliName(format));
        Filtration f = threshold == null ? Filtration.fromDistances(d) : Filtration.fromDistances(d, threshold);
        Barcodes b = new RipsPersistence(dim, 2, collapse, false).compute(f);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.print(BarcodeText.toRipserText(b));
        out.flush();
    }
}
