package io.vmlab.app.report.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The VMAs of one process at one moment, for the address-space map.
 *
 * @param pid the process id
 * @param command its command name
 * @param label when the snapshot was taken, e.g. {@code end} or {@code after fork}
 * @param taskSize the top of the user address space (TASK_SIZE), e.g. {@code 0x7ffffffff000}
 * @param vmas the VMAs, sorted by start address (unsigned); the constructor sorts them
 */
public record AddressSpaceSnapshot(int pid, String command, String label, long taskSize, List<VmaRow> vmas) {
  public AddressSpaceSnapshot {
    command = command == null ? "" : command;
    label = label == null ? "" : label;
    List<VmaRow> sorted = new ArrayList<>(vmas);
    sorted.sort((a, b) -> Long.compareUnsigned(a.start(), b.start()));
    for (int i = 1; i < sorted.size(); i++) {
      if (Long.compareUnsigned(sorted.get(i).start(), sorted.get(i - 1).end()) < 0) {
        throw new IllegalArgumentException("VMAs overlap at 0x" + Long.toHexString(sorted.get(i).start()));
      }
    }
    vmas = List.copyOf(sorted);
  }
}
