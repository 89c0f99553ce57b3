/**
 * Progress bars on stderr for long replays and sweeps: shown only when stderr is a terminal and
 * --quiet was not given, always closed so the terminal is not left mid-line.
 */
package io.vmlab.app.report.progress;
