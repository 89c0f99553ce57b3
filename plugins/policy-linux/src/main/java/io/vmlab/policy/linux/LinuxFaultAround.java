package io.vmlab.policy.linux;

import io.vmlab.api.policy.FaultAroundPolicy;
import org.pf4j.Extension;

/**
 * mm/memory.c do_fault_around() of 6.1: the window starts at the fault_around_bytes-aligned
 * address below the fault, or at the VMA start if that is higher, and runs for
 * fault_around_bytes (the kernel then clips it to the VMA and the page table).
 */
@Extension
public final class LinuxFaultAround implements FaultAroundPolicy {
  @Override
  public String name() {
    return "linux";
  }

  @Override
  public String description() {
    return "Linux 6.1 fault-around: fault_around_bytes from the aligned address or the VMA start";
  }

  @Override
  public long windowStart(long faultAddress, long vmaStart, long vmaEnd, long tableSpan, long bytes) {
    long window = (long) windowPages(bytes) << 12;
    long start = faultAddress & ~(window - 1);
    return Long.compareUnsigned(start, vmaStart) < 0 ? vmaStart : start;
  }
}
