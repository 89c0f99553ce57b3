package io.vmlab.api.policy;

/**
 * A process's layout, fixed at exec (Linux: arch_pick_mmap_layout, randomize_stack_top,
 * arch_align_stack, arch_mmap_rnd and the random draws of arch_randomize_brk and vdso_addr).
 *
 * @param topDown whether mmap searches top-down from {@code mmapBase} (else bottom-up)
 * @param mmapBase mm->mmap_base: the top of the top-down area (the legacy base when bottom-up)
 * @param legacyMmapBase mm->mmap_legacy_base: where the bottom-up search starts (the top-down
 *     allocator falls back to it)
 * @param randomize PF_RANDOMIZE: whether this exec randomizes
 * @param randomizeBrk whether the brk start is randomized (randomize_va_space 2)
 * @param stackTop the stack top after randomize_stack_top (page aligned)
 * @param stackJitter bytes arch_align_stack() subtracts before 16-byte alignment (0..8191)
 * @param pieOffset arch_mmap_rnd() added to ELF_ET_DYN_BASE for a PIE
 * @param brkRandom the random draw arch_randomize_brk() reduces to a page in its range
 * @param vdsoRandom the random draw vdso_addr() reduces to a page of its window (6.1 x86-64)
 * @param tablesJitter bytes the second arch_align_stack(), in create_elf_tables(), subtracts
 *     below the argument strings before 16-byte alignment (0..8191)
 */
public record MmLayout(
    boolean topDown,
    long mmapBase,
    long legacyMmapBase,
    boolean randomize,
    boolean randomizeBrk,
    long stackTop,
    long stackJitter,
    long pieOffset,
    long brkRandom,
    long vdsoRandom,
    long tablesJitter) {
  /** A layout without the create_elf_tables() jitter (0), for policies written before it existed. */
  public MmLayout(boolean topDown, long mmapBase, long legacyMmapBase, boolean randomize, boolean randomizeBrk,
      long stackTop, long stackJitter, long pieOffset, long brkRandom, long vdsoRandom) {
    this(topDown, mmapBase, legacyMmapBase, randomize, randomizeBrk, stackTop, stackJitter, pieOffset, brkRandom,
        vdsoRandom, 0);
  }
}
