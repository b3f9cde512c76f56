/** Whole-process baselines for the app's commands (e.g. the capture-only pass that {@code analyze} is compared with). */
package org.attnplanes.bench.app;
