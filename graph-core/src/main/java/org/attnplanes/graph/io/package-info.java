/**
 * Small I/O helpers shared by every module: atomic file writes (temp file, then move) and SHA-256 hex
 * ({@link org.attnplanes.graph.io.Sha256}).
 */
package org.attnplanes.graph.io;
