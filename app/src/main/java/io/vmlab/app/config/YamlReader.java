package io.vmlab.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a YAML file into SnakeYAML's node tree without constructing any object (compose mode):
 * no class tags can run code, at most 50 aliases, at most 1 Mi code points. Duplicate keys are
 * left to {@link MappingReader}, which reports all of them with positions.
 */
final class YamlReader {
  /** The largest file read, in code points. */
  static final int CODE_POINT_LIMIT = 1 << 20;

  private YamlReader() {}

  /** The document's root node, or null if it is empty or has a syntax error (then recorded). */
  static Node compose(Path file, Problems problems) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return yaml().compose(reader);
    } catch (MarkedYAMLException e) {
      problems.add(Position.of(e.getProblemMark()), "YAML syntax error: " + syntaxMessage(e));
    } catch (YAMLException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        problems.add(Position.START, "not UTF-8 text");
      } else {
        problems.add(Position.START, "YAML error: " + e.getMessage());
      }
    } catch (CharacterCodingException e) {
      problems.add(Position.START, "not UTF-8 text");
    } catch (IOException e) {
      problems.add(Position.START, "cannot read the file (" + e.getMessage() + ")");
    }
    return null;
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(CODE_POINT_LIMIT);
    options.setAllowRecursiveKeys(false);
    return new Yaml(new SafeConstructor(options));
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem().replace('\n', ' ').strip();
    if (e.getContext() == null) {
      return problem;
    }
    String context = e.getContext().replace('\n', ' ').strip();
    if (e.getContextMark() != null) {
      Position at = Position.of(e.getContextMark());
      context += " that starts at " + at.line() + ":" + at.column();
    }
    return problem + " (" + context + ")";
  }
}
