package io.vmlab.api.policy;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.ProcessAbi;
import java.util.SplittableRandom;

/**
 * What a {@link LayoutPolicy} needs for one exec.
 *
 * @param abi the process's ABI (its TASK_SIZE, bases and entropy)
 * @param kernel the kernel version
 * @param rlimitStack RLIMIT_STACK soft limit in bytes, or -1 for unlimited
 * @param randomizeVaSpace the sysctl kernel.randomize_va_space (0, 1, 2)
 * @param noRandomize personality ADDR_NO_RANDOMIZE
 * @param legacyLayout personality ADDR_COMPAT_LAYOUT or sysctl vm.legacy_va_layout
 * @param stackGuardGap stack_guard_gap in bytes
 * @param random the random source for this exec (derived from the run's seed)
 */
public record LayoutRequest(
    ProcessAbi abi,
    KernelVersion kernel,
    long rlimitStack,
    int randomizeVaSpace,
    boolean noRandomize,
    boolean legacyLayout,
    long stackGuardGap,
    SplittableRandom random) {}
