/**
 * Ripser-compatible text I/O: {@link org.attnplanes.topology.io.DistanceMatrixReader} reads the
 * {@code lower-distance}, {@code distance}, {@code point-cloud} and {@code sparse} formats (errors name the
 * line), {@link org.attnplanes.topology.io.BarcodeText} writes Ripser's output text and JSON.
 */
package org.attnplanes.topology.io;
