package org.attnplanes.app.cli;

import java.io.PrintStream;
import java.time.Duration;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr with rate and ETA (me.tongfei:progressbar) when the process is attached to a
 * terminal ({@code System.console() != null}); silent otherwise, so logs and pipes stay clean.
 * Thread-safe.
 */
public final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * Starts a progress display.
     *
     * @param task    name shown before the bar
     * @param total   number of steps
     * @param initial steps already done (e.g. restored by {@code --resume})
     * @param show    whether to draw at all (normally {@link #interactive()})
     */
    public static Progress start(String task, long total, long initial, boolean show) {
        if (!show) {
            return new Progress(null);
        }
        PrintStream err = System.err;
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .startsFrom(initial, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" inputs", 1).showSpeed()
                .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(err))
                .continuousUpdate().build();
        return new Progress(bar);
    }

    /** Whether stderr is (probably) a terminal: {@code System.console() != null}. */
    public static boolean interactive() {
        return System.console() != null;
    }

    /** Advances by {@code steps}. */
    public void step(long steps) {
        if (bar != null) {
            bar.stepBy(steps);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
