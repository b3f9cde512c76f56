package org.attnplanes.topology;

import java.util.List;

/**
 * The column families of the per-plane statistics table ({@link StatisticsSchema}): each family's column name
 * pattern, meaning, unit and the published definition it follows. This list is the one place these are written
 * down: topology's README table is generated from it ({@link StatisticsSchema#markdownTable()}), and
 * {@code planes.csv}, {@code TopologyTable}, the desktop app's table and the Spark job all name their columns
 * through it.
 *
 * <p>In a pattern, {@code <k>} is a homology dimension or clique size and {@code <t>} a weight threshold written
 * by {@link org.attnplanes.topology.features.ThresholdNames#format(double)} ({@code 0.10}).
 */
public enum Statistic {

    /** β_k at a weight threshold. */
    BETTI("betti<k>_t<t>", true,
            "Betti number β_k of the clique complex of the edges with weight w ≥ t, k = 0..max-dim",
            "count",
            "Z/2 homology of the flag (Vietoris–Rips) complex of d = 1 − w, as ripser and GUDHI compute it"),
    /** k-clique counts at a weight threshold. */
    CLIQUES("cliques<k>_t<t>", true,
            "number of k-cliques of the graph of the edges with w ≥ t, k = 2..max-clique (k = 2: its edges, always"
                    + " known); for k ≥ 3 NaN when the clique budget was exceeded",
            "count",
            "—"),
    /** Number of maximal cliques at a weight threshold (only with maximal cliques on). */
    MAXIMAL_CLIQUES("maxcliques_t<t>", true,
            "number of maximal cliques of that graph (only with --maximal-cliques); NaN over the clique budget",
            "count",
            "Bron–Kerbosch with Tomita pivoting (Tomita et al. 2006)"),
    /** Clique number at a weight threshold (only with maximal cliques on). */
    CLIQUE_NUMBER("clique_number_t<t>", true,
            "size ω of the largest clique of that graph (only with --maximal-cliques); NaN over the clique budget",
            "vertices",
            "—"),
    /** All bars of H_k. */
    BARS("h<k>_bars", true,
            "number of bars of H_k, infinite (essential) bars included",
            "count",
            "—"),
    /** Infinite bars of H_k. */
    ESSENTIAL("h<k>_essential", true,
            "number of infinite bars of H_k (classes alive at the end of the filtration)",
            "count",
            "—"),
    /** Total persistence of H_k. */
    TOTAL("h<k>_total", false,
            "sum of the lengths of the finite bars of H_k (total persistence)",
            "filtration units (d = 1 − w)",
            "total persistence, p = 1 (Cohen-Steiner et al. 2010); tda4atd's h<k>_s is the same sum on its own"
                    + " filtration"),
    /** Longest finite bar of H_k. */
    MAX("h<k>_max", false,
            "length of the longest finite bar of H_k (0 without finite bars)",
            "filtration units (d = 1 − w)",
            "—"),
    /** Mean finite bar of H_k. */
    MEAN("h<k>_mean", false,
            "mean length of the finite bars of H_k (0 without finite bars)",
            "filtration units (d = 1 − w)",
            "tda4atd's h<k>_m on its own filtration"),
    /** Persistence entropy of H_k. */
    ENTROPY("h<k>_entropy", false,
            "persistence entropy −Σ p ln p of the finite bars of H_k, p = length / total",
            "nats",
            "persistence entropy (Chintakunta et al. 2015); tda4atd's h<k>_e on its own filtration"),
    /** Kushnareva et al. threshold-graph features. */
    GRAPH_FEATURES("attn_<stat>_t<t>", false,
            "threshold-graph features of the plane's directed attention at t ∈ {0.025, 0.05, 0.1, 0.25, 0.5, 0.75}:"
                    + " scc, edges, avgdeg, cycles (capped at 500), b0, b1 (graph E − V + C)",
            "count (avgdeg: edges per vertex)",
            "Kushnareva et al. 2021 §4.1 (tda4atd stats_count.py); rows renormalised first only with"
                    + " --reference tda4atd"),
    /** Kushnareva et al. barcode features. */
    BARCODE_FEATURES("h0_s, h0_e, h0_t_d, …, h1_nb", false,
            "barcode features of d = 1 − max(A, Aᵀ) with weights ≤ 1e-3 zeroed, H0 and H1, infinite bars dropped:"
                    + " sum, mean, standard deviation (v), entropy, counts and birth/death of the longest bar",
            "filtration units, nats (e), count (n, nb)",
            "Kushnareva et al. 2021 §4.2 (tda4atd ripser_count.py); rows renormalised first only with"
                    + " --reference tda4atd"),
    /** Kushnareva et al. pattern distances. */
    PATTERN_DISTANCES("dist_<pattern>", false,
            "distance ‖A − P‖_F / √(‖A‖² + ‖P‖²) of the directed attention to the patterns self, prev, next,"
                    + " cls, sep, punct, comma, dot",
            "dimensionless, [0, 1]",
            "Kushnareva et al. 2021 §4.3"),
    /** la-tda matching number (optional, --la-tda). */
    MATCHING_NUMBER("attn_matching_t<t>", true,
            "matching number (largest set of disjoint edges) of the undirected graph max(A_ij, A_ji) ≥ t of the"
                    + " plane's directed attention, at each threshold (only with --la-tda)",
            "edges",
            "Cherniavskii et al. 2022, Proskurina et al. 2023 (la-tda); = networkx len(max_weight_matching(G,"
                    + " maxcardinality=True))"),
    /** la-tda chordality (optional, --la-tda). */
    CHORDALITY("attn_chordal_t<t>", true,
            "1 if that graph is chordal (every cycle of length ≥ 4 has a chord), else 0 (only with --la-tda)",
            "0/1",
            "Cherniavskii et al. 2022, Proskurina et al. 2023 (la-tda); = networkx is_chordal(G)"),
    /** Directed flag persistence (optional, --directed-flag). */
    DIRECTED_FLAG("dflag_h<k>_bars, dflag_h<k>_total", false,
            "bars (essential included) and total finite length of H_k of the directed flag complex of the plane's"
                    + " directed attention (arc i → j iff w_ij ≥ --directed-flag-min-weight, entering at 1 − w;"
                    + " only with --directed-flag); NaN over the simplex cap",
            "count, filtration units (d = 1 − w)",
            "directed flag complex as flagser computes it (Lütgehetmann et al. 2020), Z/2"),
    /** LapEigvals (optional, --lap-eigvals). */
    LAP_EIGVALS("lap_eig<r>", false,
            "r-th largest eigenvalue of the Laplacian of the multi-layer attention graph of the plane's head, for"
                    + " the plane's layer (only with --lap-eigvals K); exact eigenvalues for causal attention, the"
                    + " published diagonal otherwise",
            "dimensionless",
            "Binkowski et al. 2025 (LapEigvals; laplacian_diagonal_from_attn)");

    private final String pattern;
    private final boolean integral;
    private final String meaning;
    private final String unit;
    private final String source;

    Statistic(String pattern, boolean integral, String meaning, String unit, String source) {
        this.pattern = pattern;
        this.integral = integral;
        this.meaning = meaning;
        this.unit = unit;
        this.source = source;
    }

    /**
     * The family of a column name of the schema ({@code betti1_t0.10} → {@link #BETTI}, {@code h0_total} →
     * {@link #TOTAL}, {@code attn_b1_t0.25} → {@link #GRAPH_FEATURES}, ...).
     *
     * @throws IllegalArgumentException for a name that is no column of the schema
     */
    public static Statistic ofColumn(String name) {
        if (name.matches("betti\\d+_t.+")) {
            return BETTI;
        }
        if (name.matches("cliques\\d+_t.+")) {
            return CLIQUES;
        }
        if (name.startsWith("maxcliques_t")) {
            return MAXIMAL_CLIQUES;
        }
        if (name.startsWith("clique_number_t")) {
            return CLIQUE_NUMBER;
        }
        for (Statistic s : List.of(BARS, ESSENTIAL, TOTAL, MAX, MEAN, ENTROPY)) {
            if (name.matches("h\\d+" + s.pattern.substring("h<k>".length()))) {
                return s;
            }
        }
        return StatisticsSchema.featureFamily(name);
    }

    /**
     * A short human name of a column for a table header or an axis, with its unit unless the value is a count:
     * {@code betti1_t0.10} → "β₁ at w ≥ 0.10", {@code cliques3_t0.10} → "3-cliques at w ≥ 0.10",
     * {@code cliques2_t0.10} → "edges at w ≥ 0.10", {@code h1_total} → "H₁ total persistence (1 − w)",
     * {@code h0_entropy} → "H₀ persistence entropy (nats)". Feature columns keep their name.
     *
     * @throws IllegalArgumentException for a name that is no column of the schema
     */
    public static String label(String column) {
        Statistic s = ofColumn(column);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[a-z_]*?(\\d+)?_t(.+)").matcher(column);
        String at = m.matches() ? " at w ≥ " + m.group(2) : "";
        String k = column.replaceAll("^[a-z]+?(\\d+)_.*$", "$1");
        String filtration = " (1 − w)";
        return switch (s) {
            case BETTI -> "β" + subscript(k) + at;
            case CLIQUES -> (k.equals("2") ? "edges" : k + "-cliques") + at;
            case MAXIMAL_CLIQUES -> "maximal cliques" + at;
            case CLIQUE_NUMBER -> "largest clique ω" + at;
            case BARS -> "H" + subscript(k) + " bars";
            case ESSENTIAL -> "H" + subscript(k) + " infinite bars";
            case TOTAL -> "H" + subscript(k) + " total persistence" + filtration;
            case MAX -> "H" + subscript(k) + " longest bar" + filtration;
            case MEAN -> "H" + subscript(k) + " mean bar" + filtration;
            case ENTROPY -> "H" + subscript(k) + " persistence entropy (nats)";
            default -> column;
        };
    }

    private static String subscript(String digits) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) {
            b.append(c >= '0' && c <= '9' ? (char) ('₀' + (c - '0')) : c);
        }
        return b.toString();
    }

    /** Meaning and unit in one line (e.g. for a table header's tooltip). */
    public String describe() {
        return meaning + " [" + unit + "]";
    }

    /** The column name pattern, e.g. {@code betti<k>_t<t>}. */
    public String pattern() {
        return pattern;
    }

    /** Whether the values are whole numbers (counts), NaN aside. */
    public boolean integral() {
        return integral;
    }

    /** What a value means, one sentence. */
    public String meaning() {
        return meaning;
    }

    /** The unit of a value. */
    public String unit() {
        return unit;
    }

    /** The published definition this follows, and where ours differs; {@code —} for none. */
    public String source() {
        return source;
    }
}
