/**
 * vmlab's compact binary trace: a 128-byte header with the counts, then independent blocks of up
 * to 65,536 references (each a varint of the zigzag page delta and the kind bits, optionally
 * zstd-compressed), then a block index, so it streams forward with fixed buffers and can be read
 * block by block backwards (for the next-use pass of Belady's OPT).
 */
package io.vmlab.app.trace.binary;
