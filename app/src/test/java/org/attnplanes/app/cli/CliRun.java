package org.attnplanes.app.cli;

import org.attnplanes.app.AttnPlanes;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code attnplanes} in-process and keeps its exit status, stdout and stderr. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cmd = AttnPlanes.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int status = cmd.execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
