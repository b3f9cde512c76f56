/**
 * AttentionPlanes app: the {@code attnplanes} command line (picocli) and the desktop app (JavaFX).
 */
module org.attnplanes.app {
    requires org.attnplanes.graph;
    requires org.attnplanes.model;
    requires org.attnplanes.topology;
    requires org.attnplanes.render;
    requires org.attnplanes.render.fx;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.csv;
    requires me.tongfei.progressbar;
    requires org.jfree.jfreechart;
    requires org.jfree.svg;
    requires org.jfree.chart.fx;
    requires javafx.controls;
    requires java.desktop;

    exports org.attnplanes.app;
    exports org.attnplanes.app.common;
    exports org.attnplanes.app.workbench;
    exports org.attnplanes.app.results;
    exports org.attnplanes.app.cli;
    exports org.attnplanes.app.corpus;
    exports org.attnplanes.app.export;
    exports org.attnplanes.app.plot;
    exports org.attnplanes.app.gui;
    opens org.attnplanes.app to info.picocli;
    opens org.attnplanes.app.cli to info.picocli;
    opens org.attnplanes.app.export to com.fasterxml.jackson.databind;
}
