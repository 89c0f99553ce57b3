package io.vmlab.app.report.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of an experiment: one point of its sweep.
 *
 * @param index the run's position in the full sweep (0-based, the product's order), also when
 *     only a shard of the sweep ran
 * @param params the swept keys and their values at this point, in the sweep's key order (e.g.
 *     {@code machine.memory=16M}, {@code policies.replacement=fifo}); empty without a sweep
 * @param machine the machine's name (its file name without .yaml, or the inline name)
 * @param arch the architecture plugin id, e.g. {@code x86_64}
 * @param paging the paging mode, e.g. {@code 4level}
 * @param policy the replacement policy's name
 * @param memoryBytes physical memory (or, in policy-study mode, frames times page size)
 * @param metrics the run's counters
 * @param processes per-process rows at the end of the run (may be empty)
 * @param addressSpaces address-space snapshots taken during the run (may be empty)
 */
public record RunResult(int index, Map<String, String> params, String machine, String arch, String paging,
    String policy, long memoryBytes, Metrics metrics, List<ProcessRow> processes,
    List<AddressSpaceSnapshot> addressSpaces) {
  public RunResult {
    if (index < 0) {
      throw new IllegalArgumentException("run index " + index + " is negative");
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    machine = Objects.requireNonNullElse(machine, "");
    arch = Objects.requireNonNullElse(arch, "");
    paging = Objects.requireNonNullElse(paging, "");
    policy = Objects.requireNonNullElse(policy, "");
    Objects.requireNonNull(metrics, "metrics");
    processes = List.copyOf(processes);
    addressSpaces = List.copyOf(addressSpaces);
  }

  /** A run without process rows or snapshots. */
  public static RunResult of(int index, Map<String, String> params, String machine, String arch, String paging,
      String policy, long memoryBytes, Metrics metrics) {
    return new RunResult(index, params, machine, arch, paging, policy, memoryBytes, metrics, List.of(), List.of());
  }

  /** The params as {@code key=value;key=value} (the CSV's params column). */
  public String paramsText() {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append('=').append(v));
    return sb.toString();
  }
}
