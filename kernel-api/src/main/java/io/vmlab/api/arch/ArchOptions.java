package io.vmlab.api.arch;

import io.vmlab.api.KernelVersion;
import java.util.Objects;

/**
 * What a machine description tells an architecture.
 *
 * @param pagingMode one of {@link Architecture#pagingModes()}
 * @param split one of {@link Architecture#splits()}, or null for the default
 * @param kernel the kernel version the machine models
 * @param memoryBytes physical memory (sizes the kernel's direct map and vmalloc area)
 * @param vsyscall the vsyscall mode: {@code xonly}, {@code emulate} or {@code none}
 * @param pti whether page-table isolation is on (PAE then preallocates one more PMD per mm)
 */
public record ArchOptions(
    String pagingMode,
    String split,
    KernelVersion kernel,
    long memoryBytes,
    String vsyscall,
    boolean pti) {
  public ArchOptions {
    Objects.requireNonNull(pagingMode, "pagingMode");
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(vsyscall, "vsyscall");
  }
}
