package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.workbench.PromptResponse;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.topology.divergence.HeadSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attnplanes divergence}: MTop-Div between the prompt and the response (Bazarova et al. 2025, TOHA) for
 * every layer × head, for one prompt/response pair or a file of them, and optionally TOHA's head selection on a
 * labelled probe file. Writes {@code mtopdiv.csv} (one row per input × layer × head), with
 * {@code --select-heads} also {@code heads.csv} (every head's gap, the greedy ranking and the AUROC of each
 * prefix) and {@code scores.csv} (per input, the mean MTop-Div over the selected heads), and
 * {@code provenance.json}.
 */
@Command(name = "divergence", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"MTop-Div between prompt and response for every layer x head (TOHA, Bazarova et al. 2025),"
                + " and TOHA's head selection on a labelled probe set.", "",
            "Example: attnplanes divergence --prompt \"Paris is the capital of\" --response \"France.\" --out div/",
            "         attnplanes divergence --input pairs.csv --select-heads probe.csv --top-heads 6 --out div/"})
public final class DivergenceCommand implements Callable<Integer> {

    @Option(names = "--prompt", paramLabel = "TEXT", description = "The prompt (with --response).")
    String prompt;

    @Option(names = "--response", paramLabel = "TEXT", description = "The response (with --prompt).")
    String response;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Prompt/response pairs: .csv/.tsv with a header naming the columns prompt and response,"
                    + " or .jsonl with string fields prompt and response.")
    Path input;

    @Option(names = "--select-heads", paramLabel = "FILE",
            description = "Labelled probe set (columns prompt, response, label = 0 or 1; 1 = the group expected to"
                    + " score higher, e.g. hallucinated): rank heads by the mean MTop-Div gap and keep the best"
                    + " prefix of at most --top-heads heads by probe AUROC.")
    Path selectHeads;

    @Option(names = "--top-heads", paramLabel = "K", defaultValue = "6",
            description = "Largest number of heads averaged by the selection (TOHA's n_max, default ${DEFAULT-VALUE}).")
    int topHeads;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((prompt == null) != (response == null)) {
            throw new UserInputException((prompt == null ? "--response" : "--prompt") + " is given without "
                    + (prompt == null ? "--prompt" : "--response") + "; give both");
        }
        if (prompt == null && input == null && selectHeads == null) {
            throw new UserInputException("divergence needs --prompt and --response, --input FILE or --select-heads FILE");
        }
        if (prompt != null && input != null) {
            throw new UserInputException("give either --prompt/--response or --input, not both");
        }
        if (topHeads < 1) {
            throw new UserInputException("--top-heads " + topHeads + " must be at least 1");
        }
        for (Path p : new Path[] {input, selectHeads}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new UserInputException((p == input ? "--input " : "--select-heads ") + p + " does not exist");
            }
        }
        List<PromptResponse.Row> rows = input != null ? PromptResponse.read(input, false, "--input")
                : prompt != null ? List.of(new PromptResponse.Row(1, prompt, response, null)) : List.of();
        List<PromptResponse.Row> probe = selectHeads != null ? PromptResponse.read(selectHeads, true, "--select-heads")
                : List.of();
        if (!probe.isEmpty()) {
            long ones = probe.stream().filter(r -> r.label() == 1).count();
            if (ones == 0 || ones == probe.size()) {
                throw new UserInputException("--select-heads " + selectHeads + " has " + ones + " rows with label 1"
                        + " among " + probe.size() + "; the head selection needs both labels 0 and 1");
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        Map<String, String> provenance;
        List<PlaneRecord> records = new ArrayList<>();
        List<double[]> inputScores = new ArrayList<>();
        List<int[]> inputSizes = new ArrayList<>();
        double[][] probeScores = new double[probe.size()][];
        int layers;
        int heads;
        try (AttentionModel m = model.open()) {
            provenance = new LinkedHashMap<>(Workbench.modelProvenance(m));
            layers = m.layers();
            heads = m.heads();
            for (PromptResponse.Row r : rows) {
                String what = input != null ? "--input row " + r.number() : "--prompt/--response";
                PromptResponse pr = PromptResponse.capture(m, r.prompt(), r.response(), what);
                double[][] s = pr.mtopdiv();
                inputScores.add(flatten(s));
                inputSizes.add(new int[] {pr.promptTokens(), pr.responseTokens()});
                for (int l = 0; l < s.length; l++) {
                    for (int h = 0; h < s[l].length; h++) {
                        Map<String, Double> st = new LinkedHashMap<>();
                        st.put("prompt_tokens", (double) pr.promptTokens());
                        st.put("response_tokens", (double) pr.responseTokens());
                        st.put("mtopdiv", s[l][h]);
                        records.add(new PlaneRecord(r.number(), l, Integer.toString(h), pr.trace().tokenCount(), st,
                                List.of()));
                    }
                }
            }
            for (int i = 0; i < probe.size(); i++) {
                PromptResponse.Row r = probe.get(i);
                probeScores[i] = flatten(PromptResponse.capture(m, r.prompt(), r.response(),
                        "--select-heads row " + r.number()).mtopdiv());
            }
        }
        provenance.put("mtopdiv", "Bazarova et al. 2025 (TOHA): d = 1 - max(w, 0), diag 0, min(d, d^T), prompt-prompt"
                + " 0; total H0 bar length = spanning-forest weight attaching the response to the prompt, / response"
                + " tokens");
        List<Path> written = new ArrayList<>();
        if (!records.isEmpty()) {
            Path csv = out.resolve("mtopdiv.csv");
            TidyTableWriter.write(csv, provenance, records);
            written.add(csv);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", "attnplanes " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        run.put("inputs", rows.size());
        if (selectHeads != null) {
            List<int[]> headIds = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    headIds.add(new int[] {l, h});
                }
            }
            int[] labels = probe.stream().mapToInt(PromptResponse.Row::label).toArray();
            HeadSelection sel;
            try {
                sel = HeadSelection.select(headIds, probeScores, labels, topHeads);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--select-heads " + selectHeads + ": " + e.getMessage(), e);
            }
            written.add(writeHeads(sel, provenance));
            if (!inputScores.isEmpty()) {
                written.add(writeScores(sel, rows, inputScores, inputSizes, provenance));
            }
            run.put("selected_heads", sel.selectedHeads().stream().map(h -> h[0] + "." + h[1]).toList());
            run.put("probe_inputs", probe.size());
            o.println("selected heads (layer.head): " + run.get("selected_heads") + ", probe AUROC "
                    + String.format(java.util.Locale.ROOT, "%.3f", sel.aurocs()[sel.selected() - 1]));
        }
        Path prov = out.resolve("provenance.json");
        JsonExport.writeProvenance(prov, provenance, run);
        written.add(prov);
        for (Path p : written) {
            o.println("wrote " + p);
        }
        o.flush();
        return ExitCodes.OK;
    }

    private static double[] flatten(double[][] s) {
        int n = 0;
        for (double[] r : s) {
            n += r.length;
        }
        double[] f = new double[n];
        int k = 0;
        for (double[] r : s) {
            for (double v : r) {
                f[k++] = v;
            }
        }
        return f;
    }

    private Path writeHeads(HeadSelection sel, Map<String, String> provenance) {
        int[] rank = new int[sel.heads().size()];
        double[] auroc = new double[sel.heads().size()];
        java.util.Arrays.fill(auroc, Double.NaN);
        for (int n = 0; n < sel.ranking().length; n++) {
            rank[sel.ranking()[n]] = n + 1;
            auroc[sel.ranking()[n]] = sel.aurocs()[n];
        }
        List<PlaneRecord> rows = new ArrayList<>();
        for (int c = 0; c < sel.heads().size(); c++) {
            int[] h = sel.heads().get(c);
            Map<String, Double> st = new LinkedHashMap<>();
            st.put("gap", sel.gaps()[c]);
            st.put("rank", rank[c] == 0 ? Double.NaN : rank[c]);
            st.put("prefix_auroc", auroc[c]);
            st.put("selected", rank[c] >= 1 && rank[c] <= sel.selected() ? 1.0 : 0.0);
            rows.add(new PlaneRecord(0, h[0], Integer.toString(h[1]), 0, st, List.of()));
        }
        Map<String, String> comments = new LinkedHashMap<>(provenance);
        comments.put("head_selection", "TOHA: gap = mean(label 1) - mean(label 0); greedy by gap; prefix with the best"
                + " probe AUROC among the first " + sel.ranking().length + "; input = 0 (probe set)");
        Path p = out.resolve("heads.csv");
        TidyTableWriter.write(p, comments, rows);
        return p;
    }

    private Path writeScores(HeadSelection sel, List<PromptResponse.Row> rows, List<double[]> scores,
                             List<int[]> sizes, Map<String, String> provenance) {
        List<PlaneRecord> out2 = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Double> st = new LinkedHashMap<>();
            st.put("prompt_tokens", (double) sizes.get(i)[0]);
            st.put("response_tokens", (double) sizes.get(i)[1]);
            st.put("toha_score", sel.score(scores.get(i)));
            out2.add(new PlaneRecord(rows.get(i).number(), -1, "selected", sizes.get(i)[0] + sizes.get(i)[1], st,
                    List.of()));
        }
        Map<String, String> comments = new LinkedHashMap<>(provenance);
        comments.put("toha_score", "mean |MTop-Div| over the selected heads " + sel.selectedHeads().stream()
                .map(h -> h[0] + "." + h[1]).toList() + "; layer = -1 (all layers)");
        Path p = out.resolve("scores.csv");
        TidyTableWriter.write(p, comments, out2);
        return p;
    }
}
