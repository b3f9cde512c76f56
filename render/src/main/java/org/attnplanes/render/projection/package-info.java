/**
 * The perspective projection shared by every renderer: world point → pixel position and depth for a
 * {@link org.attnplanes.render.scene.Camera} and a viewport. The JavaFX view places its camera with the same
 * basis, so the 2D exports and the 3D view show the same picture.
 */
package org.attnplanes.render.projection;
