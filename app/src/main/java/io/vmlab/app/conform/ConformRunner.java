package io.vmlab.app.conform;

import io.vmlab.app.script.StepResult;
import io.vmlab.app.script.StepRunner;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Replays recorded cases and compares them (vmlab conform). */
public final class ConformRunner {
  private final KernelFactory kernels;
  private final TargetProfile targets;
  private final Path scenarios;
  private final Set<String> expectedFailures;

  /**
   * @param scenarios the vendored scenario specs (for data files' fill bytes, numeric prots), or null
   * @param expectedFailures "target/name" of cases known to fail (reported, not counted as failures)
   */
  public ConformRunner(KernelFactory kernels, TargetProfile targets, Path scenarios, Set<String> expectedFailures) {
    this.kernels = kernels;
    this.targets = targets;
    this.scenarios = scenarios;
    this.expectedFailures = expectedFailures;
  }

  /** The case files under the given files or directories, in a stable order. */
  public static List<Path> collect(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> f.toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new CaseException(p + ": cannot list: " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new CaseException(p + ": no such file or directory");
      }
    }
    return out;
  }

  /** Runs one case. */
  public CaseOutcome run(Path file) {
    CaseFile c = CaseFile.load(file);
    CaseOutcome out = new CaseOutcome(c.targetName(), c.name());
    out.expectedFailure = expectedFailures.contains(c.targetName() + "/" + c.name());
    try {
      TargetProfile.Resolved target = targets.resolve(c);
      Kernel kernel = kernels.create(target.spec());
      RecorderSeeder seeder = new RecorderSeeder(kernel, target.fileFolioMaxPages(), target.fileWriteBytes());
      Task task = seeder.seed(c, target, fills(file, c.name()));
      StepRunner runner = new StepRunner(kernel, seeder.files(), seeder);
      CaseComparator cmp = new CaseComparator(out);
      CaseArgs args = new CaseArgs();
      List<Map<String, Object>> steps = c.steps();
      List<Map<String, Object>> resolved = overlay(steps, scenarioSteps(file, c.name()));
      for (int i = 0; i < steps.size(); i++) {
        StepResult r = runner.run(task, resolved.get(i), args);
        cmp.compare("step " + (i + 1), steps.get(i), r);
      }
    } catch (CaseException e) {
      throw e;
    } catch (RuntimeException e) {
      out.error = "vmlab failed: " + e;
    }
    return out;
  }

  /**
   * Cases print prot as three letters, so a numeric prot with other bits (an invalid one the
   * scenario passes on purpose) reads back as "---". Where the scenario is at hand its number
   * is used instead.
   */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> overlay(List<Map<String, Object>> steps, List<Object> scenario) {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Map<String, Object> step = steps.get(i);
      Object sc = scenario != null && i < scenario.size() ? scenario.get(i) : null;
      Map<String, Object> scArgs = sc instanceof Map<?, ?> m && m.size() == 1 && m.values().iterator().next() instanceof Map<?, ?> a
          ? (Map<String, Object>) a : null;
      Map<String, Object> copy = new java.util.LinkedHashMap<>(step);
      if (scArgs != null && scArgs.get("prot") instanceof Number n && step.get("args") instanceof Map<?, ?> args) {
        Map<String, Object> a2 = new java.util.LinkedHashMap<>((Map<String, Object>) args);
        a2.put("prot", "0x" + Long.toHexString(n.longValue()));
        copy.put("args", a2);
      }
      if ("fork".equals(step.get("op")) && step.get("child") instanceof Map<?, ?> child) {
        Map<String, Object> c2 = new java.util.LinkedHashMap<>((Map<String, Object>) child);
        List<Object> nested = scArgs != null && scArgs.get("steps") instanceof List<?> l ? (List<Object>) l : null;
        c2.put("steps", overlay((List<Map<String, Object>>) child.get("steps"), nested));
        copy.put("child", c2);
      }
      out.add(copy);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private List<Object> scenarioSteps(Path caseFile, String name) {
    Map<String, Object> doc = scenario(caseFile, name);
    return doc == null ? null : (List<Object>) doc.get("steps");
  }

  /**
   * The case's scenario: in the {@code scenarios/} directory beside the {@code cases/} directory
   * the case comes from (DIR/cases/TARGET/NAME.yaml, DIR/scenarios/NAME.yaml), else among the
   * vendored ones; null if neither has it.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> scenario(Path caseFile, String name) {
    Path abs = caseFile.toAbsolutePath();
    Path p = abs.getNameCount() >= 3 ? abs.getParent().getParent().resolveSibling("scenarios").resolve(name + ".yaml") : null;
    if (p == null || !Files.isRegularFile(p)) {
      p = scenarios == null ? null : scenarios.resolve(name + ".yaml");
    }
    if (p == null || !Files.isRegularFile(p)) {
      return null;
    }
    try {
      return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(p));
    } catch (IOException | RuntimeException e) {
      throw new CaseException(p + ": cannot read the scenario: " + e.getMessage());
    }
  }

  /** The fill bytes of the scenario's data files (0x61 unless the scenario says otherwise). */
  @SuppressWarnings("unchecked")
  private Map<String, Integer> fills(Path caseFile, String name) {
    Map<String, Integer> fills = new HashMap<>();
    Map<String, Object> doc = scenario(caseFile, name);
    if (doc == null) {
      return fills;
    }
    for (Object o : (List<Object>) doc.getOrDefault("files", List.of())) {
      Map<String, Object> f = (Map<String, Object>) o;
      if (f.get("fill") != null) {
        fills.put(String.valueOf(f.get("id")), (int) RecorderSeeder.number(f.get("fill")));
      }
    }
    return fills;
  }
}
