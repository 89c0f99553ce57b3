package io.vmlab.app.experiment;

import io.vmlab.app.report.model.CostModel;
import io.vmlab.app.report.model.Metric;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * An experiment as its file describes it (configs/reference.yaml documents every key).
 *
 * @param file the experiment file
 * @param display the file as messages name it
 * @param name its name (the file's base name unless given)
 * @param description one paragraph for the report
 * @param seed the seed every run starts from (ASLR, random policies)
 * @param machines the machines (one run each unless a sweep says otherwise)
 * @param frames policy-study frames, or 0 for the full kernel model
 * @param processes the processes, run one after another in this order
 * @param sweep the swept keys in order (the first varies slowest)
 * @param measure the metrics the table shows (the CSV and JSON have all)
 * @param cost the cost model of the simulated times
 * @param outputs what to write and where
 * @param vars named values that steps use as {@code ${name}} (a sweep may vary them)
 * @param config the resolved configuration as plain values, for results.json
 */
public record ExperimentSpec(Path file, String display, String name, String description, long seed,
    List<MachineRef> machines, int frames, List<ProcessSpec> processes, List<Axis> sweep, List<Metric> measure,
    CostModel cost, Outputs outputs, Map<String, String> vars, Map<String, Object> config) {

  /**
   * A machine: a bundled name or a file, or a mapping written inline.
   *
   * @param label how results name it
   * @param file the machine file, or null if inline
   * @param inline the inline machine's body, or null
   */
  public record MachineRef(String label, Path file, Node inline) {}

  /**
   * A process: its command name, ABI, how it starts, declared files and steps.
   *
   * @param start {@code minimal} (a stack and the vDSO, as the script command) or {@code empty}
   *     (nothing mapped: what a trace replay wants)
   * @param steps the steps in the scenario format (op, args, line)
   */
  public record ProcessSpec(String name, String abi, String start, List<Map<String, Object>> files,
      List<Map<String, Object>> steps) {}

  /** One swept key and its values, in order. */
  public record Axis(String key, Node keyNode, List<Node> values) {}

  /**
   * Outputs.
   *
   * @param dir the output directory (relative to the current directory)
   * @param table print the results table on stdout
   * @param files write results.csv, results.json, report.html, plots and the manifest
   * @param png plots as PNG
   * @param svg plots as SVG
   * @param logY the fault curve on a log scale
   */
  public record Outputs(Path dir, boolean table, boolean files, boolean png, boolean svg, boolean logY) {}
}
