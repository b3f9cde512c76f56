/**
 * Persistent homology of the directed flag complex of a weighted directed graph (as flagser computes it,
 * Lütgehetmann, Govc, Smith &amp; Levi 2020), for directed and causal attention planes: {@link
 * org.attnplanes.topology.directed.DirectedFlagPersistence}.
 */
package org.attnplanes.topology.directed;
