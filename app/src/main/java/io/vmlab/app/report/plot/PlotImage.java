package io.vmlab.app.report.plot;

/**
 * A rendered plot.
 *
 * @param stem the file name without extension, e.g. {@code faults-vs-memory}
 * @param title what it shows
 * @param png the PNG bytes
 * @param svg the SVG bytes
 */
public record PlotImage(String stem, String title, byte[] png, byte[] svg) {}
