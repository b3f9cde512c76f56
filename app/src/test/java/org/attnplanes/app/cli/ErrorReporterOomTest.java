package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Issue 12.8: the out-of-memory advice names only options the command has. */
class ErrorReporterOomTest {

    private static String report(String command) {
        StringWriter w = new StringWriter();
        assertEquals(ExitCodes.FAILURE, ErrorReporter.report(new OutOfMemoryError("Java heap space"),
                new PrintWriter(w, true), command));
        return w.toString().lines().findFirst().orElse("");
    }

    @Test
    void outOfMemory_adviceFitsTheCommand() {
        assertEquals("attnplanes persistence: out of memory; give the JVM more heap, e.g. ATTNPLANES_JAVA_OPTS=-Xmx8g.",
                report("attnplanes persistence"));
        assertEquals("attnplanes analyze: out of memory; give the JVM more heap, e.g. ATTNPLANES_JAVA_OPTS=-Xmx8g, or"
                + " use fewer --workers or a smaller --batch.", report("attnplanes analyze"));
    }
}
