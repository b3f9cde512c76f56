package org.attnplanes.graph;

/**
 * What a {@link Link} between two planes means, and the unit of its weight.
 */
public enum LinkKind {
    /** Token i at one plane to token i at the next (the residual stream); weight 1. */
    RESIDUAL,
    /**
     * Token j at one plane to token i at the next, weighted by the next plane's head-reduced attention
     * A[i][j] ∈ [0, 1] (the originating paper's "connected by their linear transformations").
     */
    ATTENTION,
    /**
     * Attention rollout (Abnar &amp; Zuidema 2020): token j at one plane to token i at the next, weighted by
     * R[i][j] of the next plane's layer, where R_l = Ã_l · … · Ã_0 over every trace layer from the input (not
     * only the selected ones) and Ã = ½A + ½I (rows sum to 1). A is head-reduced as the spec says (MEAN is
     * the paper's choice; with a single head or PER_HEAD, that head's own chain).
     */
    ROLLOUT,
    /**
     * Value-weighted attention ‖α_ij v_j‖ = α_ij ‖v_j‖ (Kobayashi et al. 2020) of the next plane's layer, in
     * the units of the value vectors; needs {@link AttentionTrace#valueNorms()}.
     */
    VALUE_WEIGHTED,
    /** The [CLS]/first token of the last plane to a class node of the classifier plane; weight = probability. */
    CLASSIFIER
}
