/**
 * Clique and cavity statistics of attention planes: filtrations, persistence barcodes, Betti numbers,
 * clique counts, and the per-plane results ({@code PlaneTopology}).
 */
package org.attnplanes.topology;
