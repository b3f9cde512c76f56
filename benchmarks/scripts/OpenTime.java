import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;

/**
 * Prints how long {@code AttentionModel.openDefault()} takes in this (fresh) JVM, in milliseconds, plus a
 * checksum of one capture so runs can be compared. Run by open-time.sh with the single-file source launcher;
 * the cache directory and switch come from the system properties attnplanes.cache.dir and
 * attnplanes.model.cache.
 */
public class OpenTime {
    public static void main(String[] args) {
        long start = System.nanoTime();
        try (AttentionModel model = AttentionModel.openDefault()) {
            long opened = System.nanoTime();
            AttentionTrace t = model.capture("The cat sat on the mat.");
            float[] w = t.toArray();
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * (double) (i % 13 + 1);
            }
            System.out.printf("open_ms=%.1f checksum=%.12f sha=%s%n", (opened - start) / 1e6, sum,
                    t.provenance().modelSha256());
        }
    }
}
