package org.attnplanes.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attnplanes.graph.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12.8: a Unigram tokenizer.json without {@code unk_id} exited 1 ("Encountered an unknown token but
 * `unk_id` is missing") on a text with a character outside its vocabulary. Such a file is valid for texts it
 * can spell; a text it cannot is bad input with one sentence that says why and how to fix the file.
 */
class HfTokenizerUnigramTest {

    private static final String UNIGRAM = """
            {"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,
             "pre_tokenizer":{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true},
             "post_processor":null,
             "decoder":{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true},
             "model":{"type":"Unigram",%s"vocab":[["<unk>",0.0],["▁",-1.0],["a",-2.0],["b",-2.0],["▁a",-1.5]]}}
            """;

    @TempDir
    Path dir;

    @Test
    void withoutUnkId_knownText_isEncoded() throws Exception {
        Path f = Files.writeString(dir.resolve("tokenizer.json"), UNIGRAM.formatted(""));
        try (HfTokenizer t = HfTokenizer.load(f)) {
            HfTokenizer.Encoded e = t.encode("a b");
            assertEquals("[4, 1, 3]", java.util.Arrays.toString(e.ids()));      // ▁a ▁ b
            assertEquals(List.of("a", "␣", "b"), e.tokens().stream().map(Token::text).toList());
        }
    }

    @Test
    void withoutUnkId_unknownCharacter_isBadInputNamingFileAndFix() throws Exception {
        Path f = Files.writeString(dir.resolve("tokenizer.json"), UNIGRAM.formatted(""));
        try (HfTokenizer t = HfTokenizer.load(f)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.encode("a zz"));
            assertEquals("tokenizer file tokenizer.json cannot encode the text: it contains a character outside the"
                    + " vocabulary and the file's Unigram model has no \"unk_id\" to map it to (add \"unk_id\": <id of"
                    + " the unknown piece> to its \"model\")", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.encodeTruncated("zz a", 4));
        }
    }

    @Test
    void withUnkId_unknownCharacter_becomesTheUnknownPiece() throws Exception {
        Path f = Files.writeString(dir.resolve("tokenizer.json"), UNIGRAM.formatted("\"unk_id\":0,"));
        try (HfTokenizer t = HfTokenizer.load(f)) {
            HfTokenizer.Encoded e = t.encode("a zz");
            assertEquals(0L, e.ids()[e.length() - 1], java.util.Arrays.toString(e.ids()));
        }
    }
}
