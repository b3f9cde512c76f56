package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.attnplanes.app.AttnPlanes;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.graph.GraphSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** One CLI vocabulary: one name and one meaning per concept, defaults from the code, the same help layout. */
class CliVocabularyTest {

    private static final List<String> GROUP_ORDER = List.of("Input options:", "<command> options:", "Model options:",
            "Graph and view options:", "Topology options:", "Figure options:", "General options:");

    private static Map<String, CommandLine> commands() {
        return AttnPlanes.newCommandLine().getSubcommands();
    }

    private static String help(CommandLine c) {
        return c.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Test
    void everyCommandsHelp_hasAnExample_andTheGroupsInOneOrder() {
        commands().forEach((name, c) -> {
            if (name.equals("help")) {
                return;
            }
            String h = help(c);
            assertTrue(h.contains("Example: attnplanes " + name), name + " help has no example:\n" + h);
            List<Integer> at = new ArrayList<>();
            for (String g : GROUP_ORDER) {
                int i = h.indexOf(g.replace("<command>", name));
                if (i >= 0) {
                    at.add(i);
                }
            }
            assertTrue(at.size() >= 2, name + ": " + h);
            List<Integer> sorted = new ArrayList<>(at);
            sorted.sort(null);
            assertEquals(sorted, at, name + ": groups out of order\n" + h);
            assertFalse(h.contains("null"), name + " shows a null default:\n" + h);
        });
    }

    @Test
    void outAndMaxDim_everywhere_ripserNamesOnlyAsAliases() {
        commands().forEach((name, c) -> {
            for (OptionSpec o : c.getCommandSpec().options()) {
                List<String> names = Arrays.asList(o.names());
                if (names.contains("--output")) {
                    assertTrue(names.contains("--out"), name + ": --output without --out");
                }
                if (names.contains("--dim")) {
                    assertTrue(names.contains("--max-dim"), name + ": --dim without --max-dim");
                }
                if (names.contains("--threshold")) {
                    // one meaning: the weight threshold of the view options; persistence keeps ripser's name
                    // only as an alias of the distance cut --max-distance
                    assertTrue(name.equals("persistence") ? names.contains("--max-distance")
                            : o.description()[0].startsWith("Keep edges whose normalized weight is >= T"), name);
                }
            }
        });
    }

    @Test
    void viewDefaults_comeFromTheCommandsBaseSpec() {
        Map<String, CommandLine> cmds = commands();
        OptionSpec layout = cmds.get("render").getCommandSpec().findOption("--layout");
        assertEquals(GraphSpec.defaults().layout().name().toLowerCase(), layout.defaultValueString());
        assertEquals("per-head", cmds.get("analyze").getCommandSpec().findOption("--heads").defaultValueString());
        assertEquals("mean", cmds.get("render").getCommandSpec().findOption("--heads").defaultValueString());
        assertEquals("none", cmds.get("analyze").getCommandSpec().findOption("--links").defaultValueString());
        assertEquals("residual", cmds.get("render").getCommandSpec().findOption("--links").defaultValueString());
        assertTrue(help(cmds.get("analyze")).replaceAll("\\s+", " ").contains("Default: per-head."),
                help(cmds.get("analyze")));
    }

    @Test
    void inspect_doesNotOfferCaptureLimits() {
        CommandLine inspect = commands().get("inspect");
        assertEquals(null, inspect.getCommandSpec().findOption("--truncate"));
        assertEquals(null, inspect.getCommandSpec().findOption("--max-tokens"));
        assertNotNull(inspect.getCommandSpec().findOption("--model"));
        Cli.Result r = Cli.inProcess("inspect", "--truncate");
        assertEquals(2, r.exitCode());
    }

    @Test
    void colourMap_errorAndHelp_listTheSameValues() {
        Cli.Result r = Cli.inProcess("render", "--text", "x", "--out", "f.svg", "--colour-map", "jet");
        assertEquals(2, r.exitCode());
        String line = r.err().lines().findFirst().orElseThrow();
        String allowed = line.substring(line.indexOf("is not one of ") + "is not one of ".length(), line.length() - 1);
        String h = help(commands().get("render")).replaceAll("\\s+", " ");
        assertTrue(h.contains("Colour map of the colour encoding: " + allowed + " "), allowed + " vs " + h);
        assertTrue(allowed.contains("blue-red"), allowed);
    }
}
