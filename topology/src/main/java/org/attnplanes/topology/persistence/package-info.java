/**
 * Persistent homology of flag (clique / Vietoris–Rips) filtrations:
 * {@link org.attnplanes.topology.persistence.PersistenceAlgorithm} and its Ripser-style implementation
 * {@link org.attnplanes.topology.persistence.RipsPersistence}, producing immutable
 * {@link org.attnplanes.topology.persistence.Barcodes} (one {@link org.attnplanes.topology.persistence.Barcode}
 * of {@link org.attnplanes.topology.persistence.PersistenceInterval}s per dimension, optional dimension-1
 * representative cocycles as {@link org.attnplanes.topology.persistence.CochainEdge} lists). Values are in
 * filtration units; births/deaths are exact float32 edge values.
 */
package org.attnplanes.topology.persistence;
