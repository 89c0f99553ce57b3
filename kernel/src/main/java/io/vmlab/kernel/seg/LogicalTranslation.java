package io.vmlab.kernel.seg;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.SegmentRegister;
import java.util.List;

/**
 * A traced logical-to-linear translation: which register and selector, the descriptor looked up,
 * every check made, and either the linear address or the fault.
 *
 * @param register the segment register the access goes through
 * @param selector the selector in (or loaded into) it
 * @param loaded whether the translation loaded the selector (a register name alone uses the
 *     process's current one)
 * @param entryName the descriptor table entry's Linux name, or "" for a null selector
 * @param descriptor the raw descriptor, or null when none was looked up (null selector, index
 *     beyond the table)
 * @param mode the CPU mode after the load
 * @param cpl the current privilege level
 * @param offset the offset within the segment
 * @param size the access size in bytes
 * @param access read, write or instruction fetch
 * @param checks every check made, in order
 * @param fault the fault raised, or null
 * @param base the base added to the offset (0 for CS, DS, ES and SS in 64-bit mode), or null
 *     after a fault
 * @param linear the linear address, or null after a fault
 */
public record LogicalTranslation(
    SegmentRegister register,
    int selector,
    boolean loaded,
    String entryName,
    Long descriptor,
    AddressingMode mode,
    int cpl,
    long offset,
    int size,
    Access access,
    List<SegmentCheck> checks,
    SegmentFault fault,
    Long base,
    Long linear) {
  public LogicalTranslation {
    checks = List.copyOf(checks);
  }
}
