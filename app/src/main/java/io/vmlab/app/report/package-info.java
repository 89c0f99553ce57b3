/**
 * The reporting layer of experiments: results on stdout, CSV, JSON, plots, an HTML page and a
 * process table, all written atomically into one output directory ({@link
 * io.vmlab.app.report.ReportWriter}, layout in {@link io.vmlab.app.report.OutputLayout}).
 */
package io.vmlab.app.report;
