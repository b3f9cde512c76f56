package org.attnplanes.app.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.corpus.CorpusReader;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.Token;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.topology.divergence.MTopDiv;

/**
 * A prompt and a response run through the model as one text, and the split of its tokens: the response is
 * every token from the first one that starts inside the response text to the end (so a trailing special token
 * such as {@code [SEP]} or an end-of-sequence token counts as response); everything before (a leading
 * {@code [CLS]}/BOS included) is the prompt. The two texts are joined with one space unless one of them already
 * has whitespace at the seam. For a causal decoder this is the split TOHA uses (prompt tokens, then the
 * response tokens the model produced).
 *
 * @param trace        the captured attention of the joined text
 * @param promptTokens number of prompt tokens p; tokens {@code p..n−1} are the response
 */
public record PromptResponse(AttentionTrace trace, int promptTokens) {

    /** Validates. */
    public PromptResponse {
        Objects.requireNonNull(trace, "trace");
        if (promptTokens < 0 || promptTokens >= trace.tokenCount()) {
            throw new IllegalArgumentException("promptTokens = " + promptTokens + " is outside [0, "
                    + (trace.tokenCount() - 1) + "]");
        }
    }

    /** Number of response tokens. */
    public int responseTokens() {
        return trace.tokenCount() - promptTokens;
    }

    /**
     * Captures prompt + response.
     *
     * @param what names the input in error messages (e.g. {@code "--prompt/--response"} or {@code "row 3"})
     * @throws UserInputException for an empty prompt or response, or a response that yields no token
     */
    public static PromptResponse capture(AttentionModel model, String prompt, String response, String what) {
        if (prompt == null || prompt.isBlank()) {
            throw new UserInputException(what + ": the prompt is empty; MTop-Div needs a prompt and a response");
        }
        if (response == null || response.isBlank()) {
            throw new UserInputException(what + ": the response is empty; MTop-Div needs a prompt and a response");
        }
        boolean seam = Character.isWhitespace(prompt.charAt(prompt.length() - 1))
                || Character.isWhitespace(response.charAt(0));
        String joined = seam ? prompt + response : prompt + " " + response;
        int boundary = prompt.length();
        AttentionTrace trace = Workbench.capture(model, joined, what);
        List<Token> tokens = trace.tokens();
        int p = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.special() && t.hasSpan() && t.start() >= boundary) {
                p = i;
                break;
            }
        }
        if (p <= 0) {
            throw new UserInputException(what + ": no response token found after the " + boundary
                    + "-character prompt (was the text truncated by --max-tokens or --truncate?)");
        }
        return new PromptResponse(trace, p);
    }

    /** MTop-Div of every layer and head: {@code [layer][head]}. */
    public double[][] mtopdiv() {
        AttentionMatrix[][] a = new AttentionMatrix[trace.layers()][trace.heads()];
        for (int l = 0; l < a.length; l++) {
            for (int h = 0; h < a[l].length; h++) {
                a[l][h] = trace.attention(l, h);
            }
        }
        return MTopDiv.scores(a, promptTokens);
    }

    /** One row of a prompt/response file. */
    public record Row(int number, String prompt, String response, Integer label) {
    }

    /**
     * Reads a CSV/TSV (header with {@code prompt}, {@code response} and, when {@code needLabels}, {@code label})
     * or JSONL file (fields of the same names).
     *
     * @param option the option the file came from, for messages
     * @throws UserInputException naming the file, the row and the problem
     */
    public static List<Row> read(Path file, boolean needLabels, String option) {
        if (org.attnplanes.app.corpus.CorpusFormat.of(file) == org.attnplanes.app.corpus.CorpusFormat.TXT) {
            throw new UserInputException(option + " " + file + " must be .csv, .tsv or .jsonl with the fields prompt,"
                    + " response" + (needLabels ? " and label" : ""));
        }
        List<CorpusEntry> prompts = column(file, "prompt", option);
        List<CorpusEntry> responses = column(file, "response", option);
        List<CorpusEntry> labels = needLabels ? column(file, "label", option) : null;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            CorpusEntry p = prompts.get(i);
            CorpusEntry r = responses.get(i);
            for (CorpusEntry e : labels == null ? List.of(p, r) : List.of(p, r, labels.get(i))) {
                if (!e.ok()) {
                    throw new UserInputException(option + " " + file + ": row " + e.number() + ": " + e.problem());
                }
            }
            Integer label = null;
            if (labels != null) {
                String s = labels.get(i).text().strip();
                if (!s.equals("0") && !s.equals("1")) {
                    throw new UserInputException(option + " " + file + ": row " + p.number() + ": label = \"" + s
                            + "\"; allowed are 0 and 1");
                }
                label = Integer.parseInt(s);
            }
            rows.add(new Row(p.number(), p.text(), r.text(), label));
        }
        if (rows.isEmpty()) {
            throw new UserInputException(option + " " + file + " has no rows");
        }
        return rows;
    }

    private static List<CorpusEntry> column(Path file, String name, String option) {
        try {
            return new CorpusReader(name, name).read(file);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(option + " " + file + ": " + e.getMessage().replace("--column ", "the column ")
                    .replace("--input " + file + " ", "the file "), e);
        } catch (java.io.UncheckedIOException e) {
            throw new UserInputException(option + " " + file + " cannot be read: " + e.getCause().getMessage(), e);
        }
    }
}
