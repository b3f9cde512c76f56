/**
 * The renderer-neutral scene: node glyphs, edge segments, inter-plane links, plane rectangles, a legend and
 * a camera, all in world coordinates (planes stacked along z, z pointing up). No JavaFX or AWT type appears
 * here, so the same {@link org.attnplanes.render.scene.Scene} feeds the JavaFX 3D view and the headless
 * Java2D/SVG export.
 */
package org.attnplanes.render.scene;
