/**
 * Headless figure export: {@link org.attnplanes.render.export.FigureSpec} (size, camera, title, encoding,
 * background), a painter that draws a {@link org.attnplanes.render.scene.Scene} onto any {@code Graphics2D}
 * in painter's order, SVG (JFreeSVG) and PNG (Java2D, no display needed) writers that embed the provenance,
 * and small multiples. Every file is written atomically with {@link org.attnplanes.graph.io.AtomicFiles}.
 */
package org.attnplanes.render.export;
