package dev.groot.spark.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders charts to PNG bytes. AWT is forced headless before the first chart is drawn: a report
 * is made on servers and in cluster drivers without a display.
 */
final class PngCharts {

    static {
        headless();
    }

    private PngCharts() {
    }

    /** Call before any chart object exists: AWT reads the property once, when it first starts. */
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering chart '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
    }
}
