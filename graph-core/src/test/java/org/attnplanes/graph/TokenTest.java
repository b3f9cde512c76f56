package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenTest {

    @Test
    void special_hasNoSpan() {
        Token t = Token.special("[CLS]", 0);
        assertTrue(t.special());
        assertFalse(t.hasSpan());
    }

    @Test
    void constructor_endBeforeStart_failsNamingOffsets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Token("ab", 5, 3, false, 0));
        assertEquals("token \"ab\": offsets start = 5, end = 3 must both be -1 or satisfy 0 <= start <= end",
                e.getMessage());
    }

    @Test
    void constructor_negativeWordIndex_fails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Token("a", 0, 1, false, -2));
        assertEquals("token \"a\": wordIndex = -2 must be >= 0", e.getMessage());
    }

    @Test
    void id_defaultsToNone_withIdKeepsTheRest_negativeRefused() {
        Token t = new Token("cat", 4, 7, false, 1, "Ġcat");
        assertEquals(Token.NO_ID, t.id());
        assertFalse(t.hasId());
        Token withId = t.withId(265);
        assertEquals(new Token("cat", 4, 7, false, 1, "Ġcat", 265), withId);
        assertTrue(withId.hasId());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.withId(-3));
        assertEquals("token \"cat\": id = -3 must be >= 0, or -1 for none", e.getMessage());
    }
}
