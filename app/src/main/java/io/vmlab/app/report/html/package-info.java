/**
 * report.html: one self-contained page (inline CSS, plots as base64 PNG data URIs, no scripts, no
 * external resources) with the results, plots, process tables, config, plugins and a glossary.
 */
package io.vmlab.app.report.html;
