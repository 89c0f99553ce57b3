package io.vmlab.app.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.vmlab.app.TestPaths;
import io.vmlab.app.plugin.PluginHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every vendored conformance case (conformance/cases, recorded on real kernels) replayed by
 * {@link ConformRunner} with the real plugins, one test per case named TARGET/NAME that fails
 * with the first difference. Cases listed in conformance/expected-failures.txt are skipped while
 * they fail (and counted), and fail the suite once they pass, so the list only shrinks.
 */
class ConformanceSuiteTest {
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger SKIPPED = new AtomicInteger();

  private static PluginHost host;
  private static ConformRunner runner;
  private static Set<String> expectedFailures;

  private static Path cases() {
    return TestPaths.home().resolve("conformance/cases");
  }

  private static Path expectedFailuresFile() {
    return TestPaths.home().resolve("conformance/expected-failures.txt");
  }

  @BeforeAll
  static void loadPlugins() {
    host = PluginHost.load(TestPaths.plugins());
    Path home = TestPaths.home();
    expectedFailures = ExpectedFailures.load(expectedFailuresFile());
    runner = new ConformRunner(new KernelFactory(host.registry()),
        TargetProfile.load(home.resolve("conformance/targets.yaml")), home.resolve("conformance/scenarios"),
        expectedFailures);
  }

  @AfterAll
  static void report() {
    if (host != null) {
      host.close();
    }
    System.out.println("conformance: " + PASSED.get() + " passed, " + SKIPPED.get()
        + " skipped as expected failures (conformance/expected-failures.txt)");
  }

  @TestFactory
  Stream<DynamicTest> everyVendoredCaseMatchesWhatTheRealKernelDid() {
    List<Path> files = ConformRunner.collect(List.of(cases()));
    assertFalse(files.isEmpty(), "no cases under " + cases());
    return files.stream().map(f -> {
      CaseFile c = CaseFile.load(f);
      String id = c.targetName() + "/" + c.name();
      return dynamicTest(id, f.toUri(), () -> replay(f, id));
    });
  }

  private static void replay(Path file, String id) {
    CaseOutcome o = runner.run(file);
    if (expectedFailures.contains(id)) {
      if (o.passed()) {
        fail(id + " passes now: remove it from conformance/expected-failures.txt");
      }
      SKIPPED.incrementAndGet();
      Assumptions.abort("expected failure (conformance/expected-failures.txt): " + o.firstProblem());
    }
    if (!o.passed()) {
      int more = o.differences.size() - 1;
      fail(id + ": " + o.firstProblem() + (more > 0 ? " (and " + more + " more differences)" : ""));
    }
    PASSED.incrementAndGet();
  }

  @Test
  void expectedFailuresNameExistingCases() {
    Set<String> known = new TreeSet<>();
    for (Path f : ConformRunner.collect(List.of(cases()))) {
      CaseFile c = CaseFile.load(f);
      known.add(c.targetName() + "/" + c.name());
    }
    List<String> unknown = new ArrayList<>();
    for (String e : ExpectedFailures.load(expectedFailuresFile())) {
      if (!known.contains(e)) {
        unknown.add(e);
      }
    }
    assertEquals(List.of(), unknown, "conformance/expected-failures.txt names cases that do not exist");
  }
}
