/**
 * Rendering of multi-planar attention graphs: the renderer-neutral {@code Scene}, edge-weight encodings,
 * the interactive JavaFX 3D view and PNG/SVG figure export.
 */
package org.attnplanes.render;
