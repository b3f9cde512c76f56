package org.attnplanes.app.corpus;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a corpus file into {@link CorpusEntry} values, one per input, in file order.
 *
 * <p>The file must be UTF-8 (a leading byte-order mark is ignored). An entry whose bytes are not valid UTF-8,
 * that is empty or blank, or (for {@code .jsonl}) that is not a JSON object with the requested string field,
 * becomes a bad entry naming the problem; the rest of the file is still read. A {@code .csv}/{@code .tsv}
 * file needs a header row naming the {@code column}. Reading is all in memory (corpora of a few hundred MB
 * at most).
 *
 * <pre>{@code
 * List<CorpusEntry> entries = new CorpusReader(null, null).read(Path.of("sentences.txt"));
 * }</pre>
 */
public final class CorpusReader {

    /** Stands for bytes that were not valid UTF-8 (a Unicode noncharacter, never in real text). */
    private static final String UNDECODABLE = "\uFFFF";

    private final String column;
    private final String field;
    private final String columnOption;

    /**
     * @param column the CSV/TSV column holding the text (header name, or a 1-based index); null means the
     *               column named {@code text}, or the only column
     * @param field  the JSONL field holding the text (may be a dotted path {@code a.b}); null means {@code text}
     */
    public CorpusReader(String column, String field) {
        this(column, field, "--column");
    }

    /**
     * A reader of another column than the input text's, e.g. an encoder–decoder's target texts: messages about
     * the column name {@code columnOption} (e.g. {@code --target-column}) instead of {@code --column}.
     */
    public CorpusReader(String column, String field, String columnOption) {
        this.column = column;
        this.field = field;
        this.columnOption = Objects.requireNonNull(columnOption, "columnOption");
    }

    /**
     * Reads every entry of the file.
     *
     * @throws UncheckedIOException     when the file cannot be read
     * @throws IllegalArgumentException when the file as a whole is unusable (unknown extension, column not
     *                                  in the header), naming the option, the value and what was allowed
     */
    public List<CorpusEntry> read(Path file) {
        Objects.requireNonNull(file, "file");
        CorpusFormat format = CorpusFormat.of(file);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--input " + file + " is a directory; give a corpus file");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("--input " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--input " + file + " is not a regular file (a FIFO, socket or device)"
                    + "; give a corpus file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --input " + file + ": " + e.getMessage(), e);
        }
        String content = decode(bytes, file);
        return switch (format) {
            case TXT -> readLines(content, false, file);
            case JSONL -> readLines(content, true, file);
            case CSV -> readTable(content, CSVFormat.RFC4180, file);
            case TSV -> readTable(content, CSVFormat.TDF, file);
        };
    }

    /** Decodes UTF-8, marking each malformed byte sequence with {@link #UNDECODABLE}, dropping a BOM. */
    static String decode(byte[] bytes) {
        return decode(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Decodes a corpus: UTF-8 (a UTF-8 BOM is dropped), or UTF-16 when the file starts with a UTF-16 byte-order
     * mark. A UTF-32 BOM, or a file whose every other byte is NUL (UTF-16 without a BOM), is refused: read as
     * UTF-8 it would become text interleaved with NUL characters and be analysed as garbage.
     *
     * @throws IllegalArgumentException naming the file and the encoding it seems to have
     */
    static String decode(byte[] bytes, Path file) {
        int n = bytes.length;
        if (n >= 4 && ((bytes[0] == 0 && bytes[1] == 0 && (bytes[2] & 0xFF) == 0xFE && (bytes[3] & 0xFF) == 0xFF)
                || ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE && bytes[2] == 0 && bytes[3] == 0))) {
            throw new IllegalArgumentException("--input " + file + " is UTF-32 (it starts with a UTF-32 byte-order "
                    + "mark); convert it to UTF-8, e.g. iconv -f UTF-32 -t UTF-8");
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return decode(java.util.Arrays.copyOfRange(bytes, 2, n), StandardCharsets.UTF_16LE);
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return decode(java.util.Arrays.copyOfRange(bytes, 2, n), StandardCharsets.UTF_16BE);
        }
        if (looksLikeUtf16WithoutBom(bytes)) {
            throw new IllegalArgumentException("--input " + file + " looks like UTF-16 without a byte-order mark "
                    + "(every other byte is 0); convert it to UTF-8, e.g. iconv -f UTF-16LE -t UTF-8");
        }
        return decode(bytes, StandardCharsets.UTF_8);
    }

    /** At least 8 bytes, and 90% or more of the even or of the odd bytes are NUL. */
    private static boolean looksLikeUtf16WithoutBom(byte[] bytes) {
        int n = Math.min(bytes.length, 1 << 16);
        if (n < 8) {
            return false;
        }
        int even = 0;
        int odd = 0;
        for (int i = 0; i + 1 < n; i += 2) {
            if (bytes[i] == 0) {
                even++;
            }
            if (bytes[i + 1] == 0) {
                odd++;
            }
        }
        int pairs = n / 2;
        return even >= 0.9 * pairs || odd >= 0.9 * pairs;
    }

    private static String decode(byte[] bytes, java.nio.charset.Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(UNDECODABLE);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("decoding with REPLACE cannot fail", e);
        }
        String s = chars.toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /**
     * Whether a line has nothing to analyse: only whitespace, control characters (NUL included), format
     * characters (zero-width spaces, BOMs) or unassigned/private-use code points.
     */
    static boolean isEmptyText(String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SURROGATE)) {
                return false;
            }
        }
        return true;
    }

    private List<CorpusEntry> readLines(String content, boolean json, Path file) {
        List<CorpusEntry> out = new ArrayList<>();
        ObjectMapper mapper = json ? new ObjectMapper() : null;
        String jsonField = field == null ? "text" : field;
        int start = 0;
        int number = 0;
        int len = content.length();
        while (start < len) {
            int nl = content.indexOf('\n', start);
            int end = nl < 0 ? len : nl;
            number++;
            out.add(line(number, content.substring(start, end), mapper, jsonField));
            start = end + 1;
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--input " + file + " is empty; it needs at least one input");
        }
        return out;
    }

    /**
     * One line of a {@code .txt} ({@code mapper} null) or {@code .jsonl} corpus, by the rules of {@link #read}: a
     * trailing CR dropped, undecodable bytes ({@link #UNDECODABLE}, as left by decoding with replacement), blank or
     * invisible-only lines and JSON problems are bad entries. For readers that split the lines themselves (the Spark
     * job reads lines in parallel).
     *
     * @param line      the decoded line without its {@code \n}
     * @param mapper    a Jackson mapper for {@code .jsonl}, null for {@code .txt}
     * @param jsonField the JSON field (dotted path allowed), used with {@code mapper}
     */
    public static CorpusEntry line(int number, String line, ObjectMapper mapper, String jsonField) {
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.contains(UNDECODABLE)) {
            return CorpusEntry.bad(number, "undecodable bytes (the file must be UTF-8)");
        } else if (line.isBlank()) {
            return CorpusEntry.bad(number, "empty line");
        } else if (isEmptyText(line)) {
            return CorpusEntry.bad(number, "empty line (only control or invisible characters)");
        } else if (mapper != null) {
            return jsonEntry(mapper, number, line, jsonField);
        }
        return CorpusEntry.of(number, line.strip());
    }

    /** The character that stands for undecodable bytes in a line given to {@link #line}. */
    public static String undecodable() {
        return UNDECODABLE;
    }

    private static CorpusEntry jsonEntry(ObjectMapper mapper, int number, String line, String jsonField) {
        JsonNode node;
        try (JsonParser parser = mapper.createParser(line)) {
            node = mapper.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                // {"text":"a"} {"text":"b"}: the second value would be dropped without a word
                return CorpusEntry.bad(number, "trailing content after the JSON value at column "
                        + parser.currentTokenLocation().getColumnNr() + "; a .jsonl line holds exactly one object");
            }
        } catch (JsonProcessingException e) {
            return CorpusEntry.bad(number, "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return CorpusEntry.bad(number, "not valid JSON (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            return CorpusEntry.bad(number, "not a JSON object");
        }
        JsonNode value = node;
        for (String part : jsonField.split("\\.")) {
            value = value.get(part);
            if (value == null) {
                return CorpusEntry.bad(number, "no field \"" + jsonField + "\" (fields: " + fieldNames(node) + ")");
            }
        }
        if (!value.isTextual()) {
            return CorpusEntry.bad(number, "field \"" + jsonField + "\" is " + value.getNodeType().toString()
                    .toLowerCase(java.util.Locale.ROOT) + ", not a string");
        }
        String text = value.asText();
        return isEmptyText(text) ? CorpusEntry.bad(number, "field \"" + jsonField + "\" is empty")
                : CorpusEntry.of(number, text.strip());
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private List<CorpusEntry> readTable(String content, CSVFormat base, Path file) {
        CSVFormat format = base.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                .setAllowMissingColumnNames(true).build();
        List<CorpusEntry> out = new ArrayList<>();
        try (CSVParser parser = format.parse(new StringReader(content))) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new IllegalArgumentException("--input " + file + " has no header row; a .csv/.tsv corpus"
                        + " needs one naming the " + columnOption);
            }
            int index = columnIndex(header, file);
            int number = 0;
            long nextLine = parser.getCurrentLineNumber() + 1;
            for (CSVRecord record : parser) {
                number++;
                String at = " (line " + nextLine + ")";
                nextLine = parser.getCurrentLineNumber() + 1;
                if (record.size() == 1 && record.get(0).isEmpty() && header.size() > 1) {
                    out.add(CorpusEntry.bad(number, "empty record" + at));
                    continue;
                }
                if (index >= record.size()) {
                    out.add(CorpusEntry.bad(number, "record has " + record.size() + " fields but " + columnOption
                            + " "
                            + header.get(index) + " is field " + (index + 1) + at));
                    continue;
                }
                String text = record.get(index);
                if (text.contains(UNDECODABLE)) {
                    out.add(CorpusEntry.bad(number, "undecodable bytes (the file must be UTF-8)" + at));
                } else if (isEmptyText(text)) {
                    out.add(CorpusEntry.bad(number, "empty text in column " + header.get(index) + at));
                } else {
                    out.add(CorpusEntry.of(number, text.strip()));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("--input " + file + " is not valid " + (base == CSVFormat.TDF ? "TSV"
                    : "CSV") + ": " + csvProblem(e), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--input " + file + " has a header but no records");
        }
        return out;
    }

    /**
     * The parser's own sentence without exception class names ({@code org.apache.commons.csv.CSVException: …}),
     * e.g. {@code "invalid char between encapsulated token and delimiter at line 3, position 12"}.
     */
    static String csvProblem(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.replaceAll("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ?", "");
        m = m.replaceAll("^\\(line \\d+\\) ", "");
        // Commons CSV's words for an unclosed quote: say it in the user's terms, with the line it starts on
        java.util.regex.Matcher eof = java.util.regex.Pattern.compile(
                "\\(startline (\\d+)\\) EOF reached before encapsulated token finished").matcher(m);
        if (eof.find()) {
            return "the quoted field that starts on line " + eof.group(1) + " is never closed (a \" without its"
                    + " closing \")";
        }
        return m.replace("at line: ", "at line ").replace(", position: ", ", position ").strip();
    }

    private int columnIndex(List<String> header, Path file) {
        if (column == null) {
            int text = header.indexOf("text");
            if (text >= 0) {
                return text;
            }
            if (header.size() == 1) {
                return 0;
            }
            throw new IllegalArgumentException("--input " + file + " has columns " + header
                    + "; choose one with " + columnOption + " (name or 1-based index)");
        }
        int i = header.indexOf(column);
        if (i >= 0) {
            return i;
        }
        if (column.matches("\\d+")) {
            int k = Integer.parseInt(column);
            if (k >= 1 && k <= header.size()) {
                return k - 1;
            }
        }
        throw new IllegalArgumentException(columnOption + " " + column + " is not a column of " + file + "; allowed: "
                + header + " or an index in [1, " + header.size() + "]");
    }
}
