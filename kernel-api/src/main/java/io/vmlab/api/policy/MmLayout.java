package io.vmlab.api.policy;

/**
 * A process's layout, fixed at exec.
 *
 * @param topDown whether mmap searches top-down from {@code mmapBase} (else bottom-up)
 * @param mmapBase mm->mmap_base: the top of the top-down area
 * @param legacyMmapBase mm->mmap_legacy_base: the start of the bottom-up area (the top-down
 *     allocator falls back to it)
 * @param randomize PF_RANDOMIZE: whether exec randomizes
 * @param stackTop the stack top after randomize_stack_top (page aligned)
 * @param stackJitter bytes arch_align_stack() subtracts (0..8191 before 16-byte alignment)
 * @param pieOffset arch_mmap_rnd() for the PIE load bias
 * @param brkOffset arch_randomize_brk() offset (page aligned)
 * @param vdsoPageOffset vdso_addr() random offset in pages (6.1 x86-64)
 */
public record MmLayout(
    boolean topDown,
    long mmapBase,
    long legacyMmapBase,
    boolean randomize,
    long stackTop,
    long stackJitter,
    long pieOffset,
    long brkOffset,
    long vdsoPageOffset) {}
