/**
 * Desktop-app benchmarks: a control change (encoding, top-k, layout, links, threshold) on a long input shown
 * through the topology cache against the full recompute every change cost before, in the same run. Run with
 * {@code benchmarks/scripts/gui-view-change.sh} (needs Xvfb).
 */
package org.attnplanes.bench.gui;
