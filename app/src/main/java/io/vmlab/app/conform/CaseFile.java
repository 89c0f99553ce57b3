package io.vmlab.app.conform;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** A recorded case (conformance README section 2), loaded as plain maps and lists. */
public final class CaseFile {
  private final Path path;
  private final Map<String, Object> doc;

  private CaseFile(Path path, Map<String, Object> doc) {
    this.path = path;
    this.doc = doc;
  }

  /** Reads a case; a file that cannot be read or parsed is a {@link CaseException} naming file and line. */
  @SuppressWarnings("unchecked")
  public static CaseFile load(Path path) {
    LoaderOptions opts = new LoaderOptions();
    opts.setAllowDuplicateKeys(false);
    opts.setCodePointLimit(64 << 20);
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Object o = new Yaml(new SafeConstructor(opts)).load(r);
      if (!(o instanceof Map<?, ?> m)) {
        throw new CaseException(path + ":1:1: a case is a mapping with name, target, initial and steps");
      }
      Map<String, Object> doc = (Map<String, Object>) m;
      for (String key : List.of("name", "target", "initial", "steps")) {
        if (!doc.containsKey(key)) {
          throw new CaseException(path + ":1:1: missing key '" + key + "'");
        }
      }
      return new CaseFile(path, doc);
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark();
      throw new CaseException(path + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new CaseException(path + ":1:1: " + e.getMessage());
    } catch (IOException e) {
      throw new CaseException(path + ": cannot read: " + e.getMessage());
    }
  }

  public Path path() {
    return path;
  }

  public String name() {
    return String.valueOf(doc.get("name"));
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> target() {
    return (Map<String, Object>) doc.get("target");
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> initial() {
    return (Map<String, Object>) doc.get("initial");
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> steps() {
    return (List<Map<String, Object>>) doc.get("steps");
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> files() {
    Object f = doc.get("files");
    return f == null ? List.of() : (List<Map<String, Object>>) f;
  }

  /** The target's name: the directory the case lives in. */
  public String targetName() {
    Path parent = path.toAbsolutePath().getParent();
    return parent == null ? "?" : parent.getFileName().toString();
  }
}
