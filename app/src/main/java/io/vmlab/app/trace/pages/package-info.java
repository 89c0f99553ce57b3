/**
 * Plain page lists for textbook exercises: page numbers (decimal or {@code 0x} hex), one per line
 * or separated by commas and spaces, a {@code w} suffix for a write, {@code #} comments.
 */
package io.vmlab.app.trace.pages;
