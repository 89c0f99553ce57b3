package io.vmlab.app.inspect;

/**
 * One of the five page-table levels of a paging mode.
 *
 * @param level Linux's name ({@code pgd}, {@code p4d}, {@code pud}, {@code pmd}, {@code pte})
 * @param shift the index's bit position in a virtual address
 * @param bits the index width (0 when folded)
 * @param entries entries per table (1 when folded)
 * @param folded whether the level has no table of its own
 * @param leafSize bytes one leaf entry maps at this level (the base page for pte), 0 if none
 */
public record LevelRow(String level, int shift, int bits, int entries, boolean folded, long leafSize) {}
