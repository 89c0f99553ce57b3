/**
 * Trace file input and output: decompression chosen by the file's magic bytes (gzip, zstd or
 * none), I/O errors turned into one-line trace errors, and output written to a temporary file
 * then renamed, so that no half-written trace is ever left under the target name.
 */
package io.vmlab.app.trace.io;
