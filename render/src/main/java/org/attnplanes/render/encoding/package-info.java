/**
 * Edge-weight encodings: small pure mappings from a normalized weight to a visual channel (opacity, colour,
 * width, hue per head), combinable with {@link org.attnplanes.render.encoding.EdgeEncoding#andThen}, the
 * perceptually uniform colour maps (viridis, cividis, magma) plus a diverging map for differences, and the
 * {@link org.attnplanes.render.encoding.EncodingSpec} that names a combination for the legend and provenance.
 */
package org.attnplanes.render.encoding;
