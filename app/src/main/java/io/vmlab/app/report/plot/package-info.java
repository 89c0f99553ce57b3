/**
 * Plots as PNG and SVG, headless: the fault curve and page-table bars through XChart, and the
 * address-space map (segments to scale, large gaps compressed behind a break mark) drawn with
 * Java2D onto an image or VectorGraphics2D.
 */
package io.vmlab.app.report.plot;
