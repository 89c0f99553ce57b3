/**
 * The trace benchmark ({@code vmlab bench trace}): decompression alone, lackey parsing, binary
 * conversion, binary reading and the next-use pass, each timed on one thread, with peak heap and
 * bytes allocated, so the figures can be compared with other tools on the same file.
 */
package io.vmlab.app.trace.bench;
