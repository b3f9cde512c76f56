/**
 * Ripser-compatible text I/O and the barcode JSON: {@link org.attnplanes.topology.io.DistanceMatrixReader} reads the
 * {@code lower-distance}, {@code distance}, {@code point-cloud} and {@code sparse} formats (errors name the
 * line), {@link org.attnplanes.topology.io.BarcodeText} writes Ripser's output text (and reads its bar lines
 * back), {@link org.attnplanes.topology.io.BarcodeJson} is the one versioned barcode JSON schema.
 */
package org.attnplanes.topology.io;
