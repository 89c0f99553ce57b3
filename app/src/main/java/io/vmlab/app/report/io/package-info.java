/**
 * Output files written whole or not at all (a temporary file in the output directory, then a
 * rename; a shutdown hook removes temporaries on Ctrl-C), and the CSV and JSON forms of results.
 */
package io.vmlab.app.report.io;
