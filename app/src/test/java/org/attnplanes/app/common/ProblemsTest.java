package org.attnplanes.app.common;

import org.attnplanes.app.cli.ErrorReporter;
import org.attnplanes.model.ModelException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures are the user's input (exit 2) and which are not (exit 1). */
class ProblemsTest {

    @Test
    void modelRefusedDuringCapture_isBadInput_exit2_oneSentence() {
        // a capture-time refusal (issue 12.6: rows that do not sum to 1) reaches the command wrapped by a worker
        ModelException refusal = new ModelException("attention Softmax node \"s\" (layer 1) of m.onnx does not give "
                + "probabilities over the keys: row 2 of head 0 sums to 0.47 on 5 tokens (every row must sum to 1; a "
                + "Softmax over the query axis does not), so it cannot be used as attention");
        Throwable wrapped = new ExecutionException(refusal);
        assertTrue(Problems.isBadInput(wrapped));
        StringWriter err = new StringWriter();
        int status = ErrorReporter.report(wrapped, new PrintWriter(err), "attnplanes analyze");
        assertEquals(2, status);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("attnplanes analyze: attention Softmax node \"s\""), err.toString());
    }

    @Test
    void unexpectedFailure_isNotBadInput() {
        assertFalse(Problems.isBadInput(new IllegalStateException("bug")));
        assertFalse(Problems.isBadInput(new RuntimeException("io")));
    }
}
