/**
 * The {@code attnplanes} command line and desktop app: wires model-io, graph-core, topology and render.
 */
package org.attnplanes.app;
