/**
 * The interactive JavaFX 3D view ({@link org.attnplanes.render.fx.AttentionView}, a reusable {@code Region})
 * and the JavaFX snapshot export. All edges live in one {@code MeshView} whose per-edge RGBA comes from a
 * palette texture (premultiplied by Prism), with faces re-sorted back to front on every camera change;
 * opaque nodes are drawn first and translucent planes last. Needs a display (X or Xvfb) and a working ES2
 * pipeline ({@code -Dprism.forceGPU=true} on Mesa llvmpipe); the headless export in
 * {@link org.attnplanes.render.export} does not.
 */
package org.attnplanes.render.fx;
