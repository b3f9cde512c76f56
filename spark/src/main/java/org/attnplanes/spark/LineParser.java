package org.attnplanes.spark;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.corpus.CorpusReader;

/**
 * One line of a {@code .txt} or {@code .jsonl} corpus into an {@link Entry}: decoded as app's
 * {@code CorpusReader} decodes a file (UTF-8, undecodable bytes marked, the byte-order mark dropped on line 1),
 * then judged by {@link CorpusReader#line}, the reader's own per-line rules, so that Spark can read the lines
 * in parallel. Checked against {@code CorpusReader.read} by a seeded property test.
 */
final class LineParser {

    private final String field;
    private final ObjectMapper mapper;

    /** @param field the JSON field (dotted path allowed; null: {@code text}), used when {@code json} */
    LineParser(boolean json, String field) {
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
        CorpusEntry e = CorpusReader.line(number, line, mapper, field);
        return new Entry(e.number(), e.text(), e.problem());
    }

    private static String decode(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(CorpusReader.undecodable());
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 decoding with REPLACE cannot fail", e);
        }
    }
}
