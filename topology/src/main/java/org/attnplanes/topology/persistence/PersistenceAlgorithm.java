package org.attnplanes.topology.persistence;

import org.attnplanes.topology.filtration.Filtration;

/**
 * Computes the persistence barcodes of a flag filtration. A configured algorithm is stateless and may be
 * shared between threads.
 */
public interface PersistenceAlgorithm {

    /**
     * The barcodes of the clique (flag) complex of {@code filtration}, dimensions {@code 0..maxDimension}.
     *
     * @throws NullPointerException if {@code filtration} is null
     */
    Barcodes compute(Filtration filtration);
}
