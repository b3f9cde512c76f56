package org.attnplanes.spark;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One line of a {@code .txt} or {@code .jsonl} corpus into an {@link Entry}, with the rules and messages of
 * app's {@code CorpusReader} (UTF-8 with undecodable bytes marked, a trailing CR dropped, blank lines bad,
 * JSON objects with a string field, dotted paths), so that Spark can read the lines in parallel. Checked
 * against {@code CorpusReader} by a seeded property test.
 */
final class LineParser {

    /** Stands for bytes that were not valid UTF-8 (as in CorpusReader). */
    private static final String UNDECODABLE = "\uFFFF";

    private final boolean json;
    private final String field;
    private final ObjectMapper mapper;

    /** @param field the JSON field (dotted path allowed; null: {@code text}), used when {@code json} */
    LineParser(boolean json, String field) {
        this.json = json;
        this.field = field == null ? "text" : field;
        this.mapper = json ? new ObjectMapper() : null;
    }

    /**
     * @param number 1-based line number
     * @param bytes  the line's bytes without the {@code \n}; a leading UTF-8 byte-order mark is dropped on line 1
     */
    Entry parse(int number, byte[] bytes, int length) {
        String line = decode(bytes, length);
        if (number == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.contains(UNDECODABLE)) {
            return Entry.bad(number, "undecodable bytes (the file must be UTF-8)");
        }
        if (line.isBlank()) {
            return Entry.bad(number, "empty line");
        }
        return json ? jsonEntry(number, line) : Entry.of(number, line.strip());
    }

    private static String decode(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(UNDECODABLE);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 decoding with REPLACE cannot fail", e);
        }
    }

    private Entry jsonEntry(int number, String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            return Entry.bad(number, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            return Entry.bad(number, "not a JSON object");
        }
        JsonNode value = node;
        for (String part : field.split("\\.")) {
            value = value.get(part);
            if (value == null) {
                return Entry.bad(number, "no field \"" + field + "\" (fields: " + fieldNames(node) + ")");
            }
        }
        if (!value.isTextual()) {
            return Entry.bad(number, "field \"" + field + "\" is " + value.getNodeType().toString()
                    .toLowerCase(Locale.ROOT) + ", not a string");
        }
        String text = value.asText();
        return text.isBlank() ? Entry.bad(number, "field \"" + field + "\" is empty") : Entry.of(number, text.strip());
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }
}
