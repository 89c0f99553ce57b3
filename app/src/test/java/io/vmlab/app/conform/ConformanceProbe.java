package io.vmlab.app.conform;

import io.vmlab.app.TestPaths;
import io.vmlab.app.plugin.PluginHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** Development aid: prints each case's outcome (run with -Dprobe=path). Not a test. */
public final class ConformanceProbe {
  public static void main(String[] args) {
    try (PluginHost host = PluginHost.load(TestPaths.plugins())) {
      Path home = TestPaths.home();
      ConformRunner r = new ConformRunner(new KernelFactory(host.registry()),
          TargetProfile.load(home.resolve("conformance/targets.yaml")), home.resolve("conformance/scenarios"), Set.of());
      int pass = 0;
      int fail = 0;
      TreeMap<String, int[]> byTarget = new TreeMap<>();
      for (Path p : ConformRunner.collect(List.of(Path.of(args.length > 0 ? args[0] : home.resolve("conformance/cases").toString())))) {
        CaseOutcome o = r.run(p);
        int[] t = byTarget.computeIfAbsent(o.target, k -> new int[2]);
        t[1]++;
        if (o.passed()) {
          pass++;
          t[0]++;
          System.out.println("PASS " + o.target + "/" + o.name);
        } else {
          fail++;
          System.out.println("FAIL " + o.target + "/" + o.name + ": " + o.firstProblem() + (o.differences.size() > 1 ? " (+" + (o.differences.size() - 1) + ")" : ""));
        }
      }
      byTarget.forEach((k, v) -> System.out.println(k + ": " + v[0] + "/" + v[1]));
      System.out.println("conformance: " + pass + " passed, " + fail + " failed");
    }
  }
}
