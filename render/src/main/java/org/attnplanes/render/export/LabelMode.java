package org.attnplanes.render.export;

/** Which node labels a figure draws. */
public enum LabelMode {
    /** No token labels. */
    NONE,
    /** Token labels on the first plane only (the default: the tokens are the same on every plane). */
    FIRST_PLANE,
    /** Token labels on every plane. */
    ALL_PLANES
}
