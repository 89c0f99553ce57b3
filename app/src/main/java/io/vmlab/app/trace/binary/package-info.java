/**
 * vmlab's compact binary trace: a 128-byte header with the counts, then independent blocks of up
 * to 65,536 references (mostly one byte each: a slot of a small page cache and the kind; see
 * {@link io.vmlab.app.trace.binary.RefCodec}; optionally
 * zstd-compressed), then a block index, so it streams forward with fixed buffers and can be read
 * block by block backwards (for the next-use pass of Belady's OPT).
 */
package io.vmlab.app.trace.binary;
