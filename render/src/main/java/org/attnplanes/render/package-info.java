/**
 * Rendering of multi-planar attention graphs: the renderer-neutral {@code Scene}, edge-weight encodings,
 * and PNG/SVG figure export (the interactive JavaFX 3D view is in the render-fx module).
 */
package org.attnplanes.render;
