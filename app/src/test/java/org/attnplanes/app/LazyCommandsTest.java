package org.attnplanes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 16 (start-up): the process entry point builds only the subcommand it runs; that command's options, defaults
 * and help are exactly those of the full command line, and anything else (top-level help, a mistyped name) gets
 * every subcommand.
 */
class LazyCommandsTest {

    @Test
    void oneCommand_onlyThatCommand_sameHelpAndOptionsAsInTheFullCommandLine() {
        CommandLine full = AttnPlanes.newCommandLine();
        List<String> names = new ArrayList<>(full.getSubcommands().keySet());
        names.remove("help");
        assertEquals(11, names.size(), names.toString());
        for (String name : names) {
            CommandLine lazy = AttnPlanes.newCommandLine(name);
            assertEquals(Set.of("help", name), lazy.getSubcommands().keySet(), name);
            CommandLine a = full.getSubcommands().get(name);
            CommandLine b = lazy.getSubcommands().get(name);
            assertEquals(a.getUsageMessage(CommandLine.Help.Ansi.OFF), b.getUsageMessage(CommandLine.Help.Ansi.OFF),
                    name);
            assertEquals(a.getCommandSpec().options().stream().map(o -> o.longestName() + "=" + o.defaultValue()
                    + "/" + o.hidden()).toList(), b.getCommandSpec().options().stream().map(o -> o.longestName() + "="
                    + o.defaultValue() + "/" + o.hidden()).toList(), name);
        }
    }

    @Test
    void noCommandOrAnUnknownOne_everyCommand() {
        int all = AttnPlanes.newCommandLine().getSubcommands().size();
        for (String first : new String[] {null, "help", "--help", "--debug", "analyse", ""}) {
            assertEquals(all, AttnPlanes.newCommandLine(first).getSubcommands().size(), String.valueOf(first));
        }
    }

    @Test
    void runtimeWarmUp_onlyForCommandsThatOpenAModel_notForHelp() {
        assertEquals(true, AttnPlanes.opensModel(new String[] {"analyze", "--text", "x", "--out", "o"}));
        assertEquals(true, AttnPlanes.opensModel(new String[] {"demo"}));
        assertEquals(false, AttnPlanes.opensModel(new String[] {"persistence", "--input", "d.txt"}));
        assertEquals(false, AttnPlanes.opensModel(new String[] {"analyze", "--help"}));
        assertEquals(false, AttnPlanes.opensModel(new String[] {"--version"}));
        assertEquals(false, AttnPlanes.opensModel(new String[0]));
    }
}
