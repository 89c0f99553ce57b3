package io.vmlab.app.experiment;

import io.vmlab.app.config.ExperimentLoader;
import io.vmlab.app.config.MachineLoader;
import io.vmlab.app.experiment.ExperimentSpec.Axis;
import io.vmlab.app.experiment.ExperimentSpec.MachineRef;
import io.vmlab.app.UserError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The runs of an experiment: the product of its sweep's values, the first key varying slowest.
 * The machines list, when it has more than one machine and the sweep does not name {@code
 * machine}, is the product's first key.
 */
public final class SweepPlan {
  /** The most runs one experiment may have. */
  public static final int MAX_RUNS = 1_000_000;

  private SweepPlan() {}

  /** Every run of {@code spec}, in order. */
  public static List<RunPoint> expand(ExperimentSpec spec) {
    List<Axis> axes = spec.sweep();
    List<MachineRef> machines = spec.machines();
    boolean implicitMachines = machines.size() > 1;
    int dims = axes.size() + (implicitMachines ? 1 : 0);
    int[] sizes = new int[dims];
    int d = 0;
    if (implicitMachines) {
      sizes[d++] = machines.size();
    }
    for (Axis a : axes) {
      sizes[d++] = a.values().size();
    }
    long total = 1;
    for (int s : sizes) {
      total *= s;
      if (total > MAX_RUNS) {
        throw new UserError(spec.display() + ": the sweep has more than " + MAX_RUNS + " runs");
      }
    }
    List<RunPoint> out = new ArrayList<>();
    int[] at = new int[dims];
    for (int index = 0; index < total; index++) {
      out.add(point(spec, index, at, implicitMachines));
      for (int k = dims - 1; k >= 0; k--) {
        if (++at[k] < sizes[k]) {
          break;
        }
        at[k] = 0;
      }
    }
    return out;
  }

  private static RunPoint point(ExperimentSpec spec, int index, int[] at, boolean implicitMachines) {
    Map<String, String> params = new LinkedHashMap<>();
    MachineRef machine = spec.machines().isEmpty() ? null : spec.machines().get(0);
    List<MachineLoader.Override> overrides = new ArrayList<>();
    int frames = spec.frames();
    long seed = spec.seed();
    Map<String, String> vars = new LinkedHashMap<>(spec.vars());
    int d = 0;
    if (implicitMachines) {
      machine = spec.machines().get(at[d++]);
      params.put("machine", machine.label());
    }
    for (Axis a : spec.sweep()) {
      Node v = a.values().get(at[d++]);
      String key = a.key();
      if (key.equals("machine")) {
        machine = MachineRefs.of(spec, v);
        params.put(key, machine.label());
      } else if (key.equals("seed")) {
        try {
          seed = ExperimentLoader.SEED.parse(scalar(spec, key, v));
        } catch (IllegalArgumentException e) {
          throw new UserError(at(spec, v) + "experiment.sweep.seed: expected " + ExperimentLoader.SEED.expected()
              + ", got '" + scalar(spec, key, v) + "'");
        }
        params.put(key, Long.toUnsignedString(seed));
      } else if (key.startsWith("vars.")) {
        vars.put(key.substring(5), scalar(spec, key, v));
        params.put(key, scalar(spec, key, v));
      } else if (key.equals("policy_study.frames")) {
        frames = parseFrames(spec, v);
        params.put(key, Integer.toString(frames));
      } else {
        List<String> path = Arrays.asList(key.substring("machine.".length()).split("\\."));
        overrides.add(new MachineLoader.Override(path, a.keyNode(), v, spec.display()));
        params.put(key, v instanceof ScalarNode s ? s.getValue() : String.valueOf(ExperimentLoader.plain(v)));
      }
    }
    return new RunPoint(index, params, machine, List.copyOf(overrides), frames, seed, Map.copyOf(vars));
  }

  private static int parseFrames(ExperimentSpec spec, Node v) {
    String s = scalar(spec, "policy_study.frames", v);
    try {
      return ExperimentLoader.FRAMES.parse(s).intValue();
    } catch (IllegalArgumentException e) {
      throw new UserError(at(spec, v) + "experiment.sweep.policy_study.frames: expected a positive number of "
          + "frames, got '" + s + "'");
    }
  }

  private static String scalar(ExperimentSpec spec, String key, Node v) {
    if (v instanceof ScalarNode s) {
      return s.getValue();
    }
    throw new UserError(at(spec, v) + "experiment.sweep." + key + ": expected a single value");
  }

  static String at(ExperimentSpec spec, Node n) {
    return spec.display() + ":" + (n.getStartMark().getLine() + 1) + ":" + (n.getStartMark().getColumn() + 1) + ": ";
  }

  /** Machine references in a sweep's {@code machine} values. */
  static final class MachineRefs {
    private MachineRefs() {}

    static MachineRef of(ExperimentSpec spec, Node v) {
      if (v instanceof MappingNode || v instanceof ScalarNode) {
        return ExperimentLoader.machineRef(spec.file(), spec.display(), v);
      }
      throw new UserError(at(spec, v) + "a machine is a bundled name, a file, or 'machine: {...}' inline");
    }
  }
}
