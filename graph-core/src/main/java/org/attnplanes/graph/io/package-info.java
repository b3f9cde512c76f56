/** Small I/O helpers shared by every module: atomic file writes (temp file, then move). */
package org.attnplanes.graph.io;
