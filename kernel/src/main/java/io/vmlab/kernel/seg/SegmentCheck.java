package io.vmlab.kernel.seg;

/**
 * One check of a traced segment load or access, for people reading how an address was
 * translated.
 *
 * @param check what was checked ({@code type}, {@code privilege}, {@code limit}, ...)
 * @param passed whether it passed
 * @param detail the values compared, in one sentence
 */
public record SegmentCheck(String check, boolean passed, String detail) {}
