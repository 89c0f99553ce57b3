package io.vmlab.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken machine files through the real command line: each problem is one {@code FILE:LINE:COL:}
 * line (1-based), exit code 2, nothing on stdout and no stack trace.
 */
class BrokenMachineFileTest {
  @TempDir
  Path dir;

  private Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  /** Runs {@code vmlab layout} on the file and returns its error lines, checking the common contract. */
  private List<String> errors(Path file) {
    CliRun.Result r = CliRun.vmlab("layout", "--machine", file.toString());
    assertEquals(2, r.code(), r.toString());
    assertEquals("", r.out(), "no partial output");
    assertTrue(r.errLines().stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")), r.err());
    return r.errLines();
  }

  private static void assertLine(String line, Path file, int lineNo, int col, String... parts) {
    String prefix = file + ":" + lineNo + ":" + col + ": ";
    assertTrue(line.startsWith(prefix), "expected prefix '" + prefix + "' in: " + line);
    for (String part : parts) {
      assertTrue(line.contains(part), "expected '" + part + "' in: " + line);
    }
  }

  @Test
  void syntaxErrorIsReportedAtTheProblemMarkOneBased() throws IOException {
    Path f = write("syntax.yaml", "machine:\n  arch: x86_64\n  paging: [4level\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 4, 1, "YAML syntax error", "flow sequence", "3:11");
  }

  @Test
  void badIndentationIsASyntaxError() throws IOException {
    Path f = write("indent.yaml", "machine:\n arch: x86_64\n  paging: 4level\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 3, 9, "YAML syntax error", "mapping values are not allowed here");
  }

  @Test
  void unknownKeySuggestsTheClosestValidKey() throws IOException {
    Path f = write("unknown.yaml", "machine:\n  arch: x86_64\n  pagng: 4level\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 3, 3, "unknown key 'pagng' in machine", "did you mean 'paging'?");
  }

  @Test
  void unknownKeyFarFromAnyValidKeyListsTheValidKeys() throws IOException {
    Path f = write("far.yaml", "machine:\n  arch: x86_64\n  tlb:\n    colour: blue\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 4, 5, "unknown key 'colour' in machine.tlb", "(valid: entries, ways)");
  }

  @Test
  void duplicateKeyNamesTheFirstOccurrence() throws IOException {
    Path f = write("dup.yaml", "machine:\n  arch: x86_64\n  memory: 1G\n  arch: ia32\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 4, 3, "duplicate key 'arch'", "first given at line 2");
  }

  @Test
  void wrongTypeSaysWhatWasExpectedAndWhatWasFound() throws IOException {
    Path f = write("type.yaml", "machine:\n  arch: x86_64\n  memory: lots\n  tlb: 64\n  seed: [1, 2]\n");
    List<String> lines = errors(f);
    assertEquals(3, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 3, 11, "machine.memory", "'lots' is not a size");
    assertLine(lines.get(1), f, 4, 8, "machine.tlb: expected a mapping", "got '64'");
    assertLine(lines.get(2), f, 5, 9, "machine.seed: expected an integer", "got a list");
  }

  @Test
  void unknownArchitectureListsTheLoadedOnes() throws IOException {
    Path f = write("arch.yaml", "machine:\n  arch: arm64\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 2, 9, "machine.arch: unknown architecture 'arm64'", "(available: ia32, x86_64)");
  }

  @Test
  void missingArchitectureListsTheLoadedOnes() throws IOException {
    Path f = write("noarch.yaml", "machine:\n  memory: 1G\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 2, 3, "missing required key 'arch'", "ia32, x86_64");
  }

  @Test
  void unknownPagingModeListsTheArchitecturesModes() throws IOException {
    Path f = write("paging.yaml", "machine:\n  arch: ia32\n  paging: 3level\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 3, 11, "machine.paging", "unknown paging mode '3level'", "2level, pae");
  }

  @Test
  void splitThePagingModeForbidsIsReportedAtTheSplit() throws IOException {
    Path f = write("split.yaml", "machine:\n  arch: ia32\n  paging: pae\n  split: 3G_OPT\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 4, 10, "machine.split", "2level");
  }

  @Test
  void unknownPolicyListsTheAvailableOnesWithASuggestion() throws IOException {
    Path f = write("policy.yaml", "machine:\n  arch: x86_64\n  policies:\n    replacement: lru2q\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 4, 18, "machine.policies.replacement: unknown replacement policy 'lru2q'",
        "(available: clock, clock-pte, fifo, lru, lru-2q, opt, random)", "did you mean 'lru-2q'?");
  }

  @Test
  void yamlOneOneBooleansAreRefused() throws IOException {
    Path f = write("yes.yaml", "machine:\n  arch: x86_64\n  randomize: yes\n  kernel:\n    pti: off\n");
    List<String> lines = errors(f);
    assertEquals(2, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 3, 14, "machine.randomize: 'yes' is not a boolean", "write true or false");
    assertLine(lines.get(1), f, 5, 10, "machine.kernel.pti: 'off' is not a boolean");
  }

  @Test
  void outOfRangeValuesNameTheRange() throws IOException {
    Path f = write("range.yaml",
        "machine:\n  arch: x86_64\n  memory: 128G\n  kernel:\n    randomize_va_space: 3\n    fault_around_bytes: 4M\n");
    List<String> lines = errors(f);
    assertEquals(3, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 3, 11, "machine.memory: 128G is out of range (1 MiB to 64 GiB)");
    assertLine(lines.get(1), f, 5, 25, "machine.kernel.randomize_va_space: 3 is out of range (0 to 2)");
    assertLine(lines.get(2), f, 6, 25, "fault_around_bytes", "more than one page table maps", "2 MiB");
  }

  @Test
  void leadingZeroIsRefusedBecauseYamlOneOneReadsItAsOctal() throws IOException {
    Path f = write("octal.yaml", "machine:\n  arch: x86_64\n  kernel:\n    mmap_min_addr: 0777\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 4, 20, "leading zero", "octal");
  }

  @Test
  void everyProblemOfTheFileIsReportedInFileOrder() throws IOException {
    Path f = write("many.yaml", "machine:\n  arch: x86_64\n  memroy: 1G\n  swap: -1\n  tlb: {entries: 64, ways: 3}\n"
        + "  kernel: {thp: sometimes}\n  arch: ia32\n");
    List<String> lines = errors(f);
    assertEquals(5, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 3, 3, "did you mean 'memory'?");
    assertLine(lines.get(1), f, 4, 9, "machine.swap", "negative");
    assertLine(lines.get(2), f, 5, 28, "multiple of ways");
    assertLine(lines.get(3), f, 6, 17, "unknown value 'sometimes'", "always, madvise, never");
    assertLine(lines.get(4), f, 7, 3, "duplicate key 'arch'");
  }

  @Test
  void emptyFileAndMissingMachineSectionAreExplained() throws IOException {
    Path empty = write("empty.yaml", "# nothing yet\n");
    assertLine(errors(empty).get(0), empty, 1, 1, "the file is empty");
    Path typo = write("typo.yaml", "machin:\n  arch: x86_64\n");
    List<String> lines = errors(typo);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), typo, 1, 1, "unknown top-level key 'machin'", "did you mean 'machine'?");
  }

  @Test
  void machineThatIsNotAMappingIsOneProblem() throws IOException {
    Path f = write("scalar.yaml", "machine: x86_64\n");
    List<String> lines = errors(f);
    assertEquals(List.of(f + ":1:10: machine: expected a mapping (key: value lines), got 'x86_64'"), lines);
  }

  @Test
  void classTagsAreRefusedWithoutConstructingAnything() throws IOException {
    Path f = write("tag.yaml", "machine: !!javax.script.ScriptEngineManager [x]\n");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 1, 10, "Global tag is not allowed");
  }

  @Test
  void missingFileAndUnknownBundledNameAreUsageErrors() {
    CliRun.Result missing = CliRun.vmlab("layout", "--machine", "no/such/file.yaml");
    assertEquals(2, missing.code());
    assertEquals(List.of("no/such/file.yaml: no such machine file"), missing.errLines());
    CliRun.Result unknown = CliRun.vmlab("layout", "--machine", "x86_64-4levl");
    assertEquals(2, unknown.code());
    assertEquals(1, unknown.errLines().size(), unknown.toString());
    assertTrue(unknown.err().contains("ia32-2level, ia32-pae, x86_64-4level, x86_64-4level-6.18, x86_64-5level"),
        unknown.err());
    assertTrue(unknown.err().contains("did you mean 'x86_64-4level'?"), unknown.err());
  }
}
