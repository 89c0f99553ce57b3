package io.vmlab.app.config;

import io.vmlab.app.UserError;
import io.vmlab.app.VmlabHome;
import io.vmlab.app.experiment.ExperimentSpec;
import io.vmlab.app.experiment.ExperimentSpec.Axis;
import io.vmlab.app.experiment.ExperimentSpec.MachineRef;
import io.vmlab.app.experiment.ExperimentSpec.Outputs;
import io.vmlab.app.experiment.ExperimentSpec.ProcessSpec;
import io.vmlab.app.experiment.Vars;
import io.vmlab.app.report.ResultsTable;
import io.vmlab.app.report.model.CostModel;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.script.ScenarioFile;
import io.vmlab.app.script.StepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an experiment file into an {@link ExperimentSpec}, reporting every problem it can find
 * in one pass ({@code file:line:col: message}). Machines named in it are only located here; they
 * are bound per run, with the sweep's values set into them.
 */
public final class ExperimentLoader {
  static final List<String> ROOT = List.of("experiment");
  static final List<String> EXPERIMENT = List.of("name", "description", "seed", "machines", "policy_study",
      "processes", "vars", "sweep", "measure", "cost", "outputs");
  static final List<String> PROCESS = List.of("name", "abi", "start", "files", "steps");
  static final List<String> POLICY_STUDY = List.of("frames");
  static final List<String> OUTPUTS = List.of("dir", "table", "files", "png", "svg", "log_y");
  static final List<String> COST = List.of(CostModel.KEYS);
  /** An experiment's seed (also a sweep's seed values). */
  public static final Scalar<Long> SEED = Scalars.unsigned64();
  /** Policy-study frames (also a sweep's policy_study.frames values). */
  public static final Scalar<Long> FRAMES = Scalars.integer(1, 1 << 26);
  /** The ops of StepRunner, plus exit and the experiment's replay. */
  static final List<String> STEP_OPS = java.util.stream.Stream.concat(StepRunner.OPS.stream(),
      java.util.stream.Stream.of("exit", "replay")).toList();
  /** The table's columns when an experiment gives no {@code measure}. */
  public static final List<Metric> DEFAULT_MEASURE = ResultsTable.DEFAULT_COLUMNS;

  private ExperimentLoader() {}

  /** Reads {@code file}. */
  public static ExperimentSpec load(Path file) {
    String display = VmlabHome.display(file);
    Problems problems = new Problems(display);
    Node root = YamlReader.compose(file, problems);
    problems.throwIfAny();
    if (root == null) {
      problems.add(Position.START, "the file is empty: an experiment file starts with 'experiment:'");
      problems.throwIfAny();
    }
    KeyMarks marks = new KeyMarks();
    Set<String> failed = new TreeSet<>();
    MappingReader top = MappingReader.of(root, "", ROOT, problems, marks, failed);
    if (!top.has("experiment")) {
      if (problems.isEmpty()) {
        problems.add(Position.of(root), "missing top-level key 'experiment:'");
      }
      problems.throwIfAny();
    }
    MappingReader e = top.mapping("experiment", EXPERIMENT);
    Node body = valueOf(root, "experiment");
    String name = e.get("name", Scalars.text(), file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
    String description = e.get("description", Scalars.text(), "");
    long seed = e.get("seed", SEED, 1L);
    int frames = e.mapping("policy_study", POLICY_STUDY).get("frames", FRAMES, 0L).intValue();
    if (e.has("policy_study") && !e.mapping("policy_study", POLICY_STUDY).has("frames")) {
      problems.add(e.position("policy_study"), "experiment.policy_study: missing key 'frames'");
    }
    Node machinesNode = valueOf(body, "machines");
    List<MachineRef> machines = machines(file, display, machinesNode, problems);
    List<Axis> sweep = sweep(valueOf(body, "sweep"), problems);
    boolean sweepsMachine = sweep.stream().anyMatch(a -> a.key().equals("machine"));
    // Listed machines that failed to resolve were reported already, each at its own line.
    boolean noneListed = machinesNode == null || machinesNode instanceof SequenceNode q && q.getValue().isEmpty();
    if (noneListed && !sweepsMachine && !failed.contains("experiment.machines")) {
      problems.add(Position.of(body == null ? root : body), "experiment: no machines (give 'machines: [x86_64-4level]' "
          + "or sweep 'machine')");
    }
    if (sweepsMachine && !machines.isEmpty()) {
      problems.add(e.position("machines"), "experiment: give the machines either in 'machines' or as the sweep "
          + "key 'machine', not both");
    }
    List<Metric> measure = measure(valueOf(body, "measure"), problems);
    MappingReader c = e.mapping("cost", COST);
    CostModel d = CostModel.DEFAULT;
    CostModel cost = null;
    try {
      cost = new CostModel(c.get("cpu_hz", Scalars.integer(1, Long.MAX_VALUE), d.cpuHz()),
          c.get("tlb_hit_cycles", Scalars.integer(0, 1L << 40), d.hitCycles()),
          c.get("walk_level_cycles", Scalars.integer(0, 1L << 40), d.walkLevelCycles()),
          c.get("minor_fault_cycles", Scalars.integer(0, 1L << 40), d.minorFaultCycles()),
          c.get("major_fault_us", Scalars.integer(0, 1L << 40), d.majorFaultNanos() / 1000) * 1000,
          c.get("swap_out_us", Scalars.integer(0, 1L << 40), d.swapOutNanos() / 1000) * 1000,
          c.get("writeback_us", Scalars.integer(0, 1L << 40), d.writebackNanos() / 1000) * 1000);
    } catch (IllegalArgumentException ex) {
      problems.add(e.position("cost"), "experiment.cost: " + ex.getMessage());
    }
    MappingReader o = e.mapping("outputs", OUTPUTS);
    Outputs outputs = new Outputs(Path.of(o.get("dir", Scalars.text(), "results/" + name)),
        o.get("table", Scalars.bool(), true), o.get("files", Scalars.bool(), true), o.get("png", Scalars.bool(), true),
        o.get("svg", Scalars.bool(), true), o.get("log_y", Scalars.bool(), false));
    Map<String, String> vars = vars(valueOf(body, "vars"), problems);
    for (Axis a : sweep) {
      if (a.key().startsWith("vars.") && !vars.containsKey(a.key().substring(5))) {
        problems.add(Position.of(a.keyNode()), "experiment.sweep." + a.key() + ": no such var (declare it under "
            + "'vars:' with its default value)");
      }
    }
    Node processesNode = valueOf(body, "processes");
    problems.throwIfAny();
    List<ProcessSpec> processes = processes(file, processesNode, problems, marks, failed);
    problems.throwIfAny();
    for (ProcessSpec p : processes) {
      Vars.apply(p, vars, display); // an undeclared ${name} stops the experiment before its first run
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("experiment", plain(body));
    if (config.get("experiment") instanceof Map<?, ?> m && m.get("outputs") instanceof Map<?, ?> out) {
      // The output directory is where a run writes, not what it is: shards of one sweep share the config.
      @SuppressWarnings("unchecked")
      Map<String, Object> o2 = (Map<String, Object>) out;
      o2.remove("dir");
    }
    return new ExperimentSpec(file, display, name, description, seed, machines, frames, processes, sweep,
        measure, cost, outputs, vars, config);
  }

  private static List<MachineRef> machines(Path file, String display, Node node, Problems problems) {
    List<MachineRef> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof SequenceNode seq)) {
      problems.add(Position.of(node), "experiment.machines: expected a list of machine names, files or "
          + "inline machines, got " + MappingReader.describe(node));
      return out;
    }
    for (Node item : seq.getValue()) {
      MachineRef ref = machineRef(file, display, item, problems);
      if (ref != null) {
        out.add(ref);
      }
    }
    return out;
  }

  /** A machine list item (a sweep's {@code machine} value); a bad one is a {@link ConfigException}. */
  public static MachineRef machineRef(Path file, String display, Node item) {
    Problems problems = new Problems(display);
    MachineRef ref = machineRef(file, display, item, problems);
    problems.throwIfAny();
    return ref;
  }

  /** A machine list item: a name or file, or {@code {machine: {...}}} inline. */
  static MachineRef machineRef(Path file, String display, Node item, Problems problems) {
    if (item instanceof ScalarNode s) {
      String arg = s.getValue();
      Path rel = file.toAbsolutePath().getParent().resolve(arg);
      boolean looksLikePath = arg.contains("/") || arg.endsWith(".yaml") || arg.endsWith(".yml");
      try {
        Path p = looksLikePath && Files.isRegularFile(rel) ? rel : MachineLocator.resolve(arg);
        return new MachineRef(p.getFileName().toString().replaceFirst("\\.ya?ml$", ""), p, null);
      } catch (UserError ex) {
        problems.add(Position.of(item), ex.getMessage());
        return null;
      }
    }
    if (item instanceof MappingNode m && m.getValue().size() == 1
        && m.getValue().get(0).getKeyNode() instanceof ScalarNode k && k.getValue().equals("machine")) {
      Node inline = m.getValue().get(0).getValueNode();
      Node n = valueOf(inline, "name");
      String label = n instanceof ScalarNode ns ? ns.getValue() : "inline-" + (Position.of(item).line());
      return new MachineRef(label, null, inline);
    }
    problems.add(Position.of(item), "a machine is a bundled name, a file, or 'machine: {...}' written inline; got "
        + MappingReader.describe(item));
    return null;
  }

  private static List<Axis> sweep(Node node, Problems problems) {
    List<Axis> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof MappingNode m)) {
      problems.add(Position.of(node), "experiment.sweep: expected a mapping of keys to lists of values, got "
          + MappingReader.describe(node));
      return out;
    }
    Set<String> seen = new TreeSet<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        problems.add(Position.of(t.getKeyNode()), "experiment.sweep: a key must be a dotted name");
        continue;
      }
      String key = k.getValue();
      if (!seen.add(key)) {
        problems.add(Position.of(k), "experiment.sweep: duplicate key '" + key + "'");
        continue;
      }
      boolean known = key.equals("machine") || key.equals("seed") || key.equals("policy_study.frames")
          || (key.startsWith("machine.") && key.length() > "machine.".length())
          || (key.startsWith("vars.") && key.length() > "vars.".length());
      if (!known) {
        problems.add(Position.of(k), "experiment.sweep: cannot sweep '" + key + "' (sweepable: machine, "
            + "machine.<key> such as machine.memory or machine.policies.replacement, policy_study.frames, seed, "
            + "vars.<name>)");
        continue;
      }
      if (!(t.getValueNode() instanceof SequenceNode values) || values.getValue().isEmpty()) {
        problems.add(Position.of(t.getValueNode()), "experiment.sweep." + key + ": expected a non-empty list of "
            + "values, got " + MappingReader.describe(t.getValueNode()));
        continue;
      }
      if (!key.equals("machine")) {
        for (Node v : values.getValue()) {
          if (!(v instanceof ScalarNode) && !key.startsWith("machine.")) {
            problems.add(Position.of(v), "experiment.sweep." + key + ": expected a number, got "
                + MappingReader.describe(v));
          } else if (v instanceof ScalarNode sv && (key.equals("seed") || key.equals("policy_study.frames"))) {
            // The same values as the experiment's own seed and policy_study.frames.
            Scalar<Long> type = key.equals("seed") ? SEED : FRAMES;
            try {
              type.parse(sv.getValue());
            } catch (IllegalArgumentException ex) {
              problems.add(Position.of(v), "experiment.sweep." + key + ": expected " + type.expected() + ", got '"
                  + sv.getValue() + "'");
            }
          }
        }
      }
      out.add(new Axis(key, k, List.copyOf(values.getValue())));
    }
    return out;
  }

  private static Map<String, String> vars(Node node, Problems problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof MappingNode m)) {
      problems.add(Position.of(node), "experiment.vars: expected a mapping of names to values");
      return out;
    }
    for (NodeTuple t : m.getValue()) {
      String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
      if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        problems.add(Position.of(t.getKeyNode()), "experiment.vars: a name is a word (letters, digits, _)");
      } else if (!(t.getValueNode() instanceof ScalarNode v)) {
        problems.add(Position.of(t.getValueNode()), "experiment.vars." + k + ": expected a single value");
      } else if (out.put(k, v.getValue()) != null) {
        problems.add(Position.of(t.getKeyNode()), "experiment.vars: duplicate name '" + k + "'");
      }
    }
    return out;
  }

  private static List<Metric> measure(Node node, Problems problems) {
    if (node == null) {
      return DEFAULT_MEASURE;
    }
    List<String> keys = new ArrayList<>();
    for (Metric m : Metric.values()) {
      keys.add(m.key());
    }
    if (!(node instanceof SequenceNode seq)) {
      problems.add(Position.of(node), "experiment.measure: expected a list of metrics (" + String.join(", ", keys)
          + ")");
      return DEFAULT_MEASURE;
    }
    List<Metric> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      String k = item instanceof ScalarNode s ? s.getValue() : "";
      if (!keys.contains(k)) {
        String hint = Suggestions.closest(k, keys).map(x -> "; did you mean '" + x + "'?")
            .orElse(" (metrics: " + String.join(", ", keys) + ")");
        problems.add(Position.of(item), "experiment.measure: unknown metric " + MappingReader.describe(item) + hint);
      } else {
        out.add(Metric.ofKey(k));
      }
    }
    return out;
  }

  private static List<ProcessSpec> processes(Path file, Node node, Problems problems, KeyMarks marks,
      Set<String> failed) {
    List<ProcessSpec> out = new ArrayList<>();
    if (node == null) {
      problems.add(Position.START, "experiment: missing key 'processes' (each process has a name and steps)");
      return out;
    }
    if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
      problems.add(Position.of(node), "experiment.processes: expected a non-empty list of processes");
      return out;
    }
    int i = 0;
    for (Node item : seq.getValue()) {
      String path = "experiment.processes[" + i + "]";
      MappingReader p = MappingReader.of(item, path, PROCESS, problems, marks, failed);
      String name = p.get("name", Scalars.text(), "p" + i);
      String abi = p.get("abi", Scalars.text(), null);
      Node steps = valueOf(item, "steps");
      String start = p.get("start", Scalars.choice(List.of("minimal", "empty")), null);
      if (steps == null) {
        if (!misspelt(item, "steps")) { // 'stpes' was reported with its suggestion already
          problems.add(Position.of(item), path + ": missing key 'steps'");
        }
        i++;
        continue;
      }
      checkOps(steps, problems);
      try {
        List<Map<String, Object>> parsed = ScenarioFile.parseSteps(file, steps);
        Node filesNode = valueOf(item, "files");
        List<Map<String, Object>> files = filesNode == null ? List.of() : ScenarioFile.parseFiles(file, filesNode);
        if (start == null) {
          // A process that begins with a replay starts empty, so the trace's addresses are free.
          start = !parsed.isEmpty() && "replay".equals(parsed.get(0).get("op")) ? "empty" : "minimal";
        }
        out.add(new ProcessSpec(name, abi, start, files, parsed));
      } catch (UserError ex) {
        throw new UserError(ex.getMessage().replace(file.toString(), VmlabHome.display(file)));
      }
      i++;
    }
    return out;
  }

  /** Whether mapping {@code node} has a key not in {@link #PROCESS} whose closest valid key is {@code key}. */
  private static boolean misspelt(Node node, String key) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && !PROCESS.contains(k.getValue())
            && Suggestions.closest(k.getValue(), PROCESS).filter(key::equals).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Every step's op (fork's nested steps too) is one {@link #STEP_OPS}: a typo is reported at
   * load time, not when a run reaches it (perhaps after a long replay).
   */
  private static void checkOps(Node steps, Problems problems) {
    if (!(steps instanceof SequenceNode seq)) {
      return; // ScenarioFile reports it
    }
    for (Node s : seq.getValue()) {
      Node key = s instanceof MappingNode m && m.getValue().size() == 1 ? m.getValue().get(0).getKeyNode() : s;
      if (!(key instanceof ScalarNode k)) {
        continue;
      }
      if (!STEP_OPS.contains(k.getValue())) {
        String hint = Suggestions.closest(k.getValue(), STEP_OPS).map(x -> "; did you mean '" + x + "'?")
            .orElse(" (ops: " + String.join(", ", STEP_OPS) + ")");
        problems.add(Position.of(k), "unknown step '" + k.getValue() + "'" + hint);
      } else if (k.getValue().equals("fork") && s instanceof MappingNode m) {
        checkOps(valueOf(m.getValue().get(0).getValueNode(), "steps"), problems);
      }
    }
  }

  /** The value of {@code key} in mapping {@code node}, or null. */
  static Node valueOf(Node node, String key) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return t.getValueNode();
        }
      }
    }
    return null;
  }

  /** A node tree as plain maps, lists and strings. */
  public static Object plain(Node n) {
    if (n == null) {
      return null;
    }
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    if (n instanceof SequenceNode q) {
      List<Object> l = new ArrayList<>();
      for (Node x : q.getValue()) {
        l.add(plain(x));
      }
      return l;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (NodeTuple t : ((MappingNode) n).getValue()) {
      m.put(String.valueOf(plain(t.getKeyNode())), plain(t.getValueNode()));
    }
    return m;
  }
}
