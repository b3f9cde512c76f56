/**
 * Filtrations of attention planes and distance matrices: {@link org.attnplanes.topology.filtration.DistanceMatrix}
 * (compressed lower-triangular float32, as in Ripser) and {@link org.attnplanes.topology.filtration.Filtration}
 * (edge of weight w enters at 1 − w; vertices at 0; optional threshold).
 */
package org.attnplanes.topology.filtration;
