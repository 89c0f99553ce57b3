/**
 * Linux's own policies, the defaults of every machine: the {@code linux} layout (mmap base,
 * top-down or legacy, ASLR as arch/x86/mm/mmap.c and mm/util.c do it), the {@code linux}
 * fault-around window (mm/memory.c do_fault_around), the {@code linux} OOM badness score
 * (mm/oom_kill.c) and the {@code lru-2q} active/inactive replacement lists (mm/vmscan.c).
 */
package io.vmlab.policy.linux;
