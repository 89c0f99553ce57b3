package io.vmlab.app.report.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmlab.app.UserError;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.model.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * manifest.json: written last into an output directory, it says the directory is complete and
 * what it holds, so that {@code vmlab merge} can check shards before reading them.
 *
 * @param schemaVersion the results schema version
 * @param vmlabVersion the vmlab that wrote it
 * @param experiment the experiment's name
 * @param seed the seed
 * @param configHash the config's hash
 * @param sweepSize runs in the full sweep
 * @param shard the part, or null for the whole sweep
 * @param runIndices the indices of the runs in this directory, ascending
 * @param files the files written, relative to the directory, in writing order
 */
public record Manifest(int schemaVersion, String vmlabVersion, String experiment, long seed, String configHash,
    int sweepSize, Shard shard, List<Integer> runIndices, List<String> files) {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Manifest {
    runIndices = List.copyOf(runIndices);
    files = List.copyOf(files);
  }

  /** The manifest of {@code result} written as {@code files}. */
  public static Manifest of(ExperimentResult result, List<String> files) {
    return new Manifest(ResultsJson.SCHEMA_VERSION, result.vmlabVersion(), result.experiment(), result.seed(),
        result.configHash(), result.sweepSize(), result.shard(), result.runs().stream().map(RunResult::index).toList(),
        files);
  }

  /** Writes it to {@code target}, atomically. */
  public void write(Path target) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", schemaVersion);
    root.put("vmlabVersion", vmlabVersion);
    root.put("experiment", experiment);
    root.put("seed", seed);
    root.put("configHash", configHash);
    root.put("sweepSize", sweepSize);
    if (shard == null) {
      root.putNull("shard");
    } else {
      root.put("shard", shard.toString());
    }
    ArrayNode idx = root.putArray("runIndices");
    runIndices.forEach(idx::add);
    ArrayNode f = root.putArray("files");
    files.forEach(f::add);
    AtomicOutput.write(target, out -> {
      out.write(MAPPER.writeValueAsBytes(root));
      out.write('\n');
    });
  }

  /**
   * Reads {@code file}.
   *
   * @throws UserError when it is missing (an unfinished run) or malformed
   */
  public static Manifest read(Path file) {
    JsonNode n;
    try (var in = Files.newInputStream(file)) {
      n = MAPPER.readTree(in);
    } catch (NoSuchFileException e) {
      throw new UserError(file.getParent() + ": no " + file.getFileName()
          + ": not a vmlab output directory, or its run did not finish");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage(), e);
    }
    try {
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      JsonNode shardNode = n.path("shard");
      Shard shard = shardNode.isNull() || shardNode.isMissingNode() ? null : Shard.parse(shardNode.asText());
      List<Integer> indices = new ArrayList<>();
      n.path("runIndices").forEach(x -> indices.add(x.asInt()));
      List<String> files = new ArrayList<>();
      n.path("files").forEach(x -> files.add(x.asText()));
      return new Manifest(require(n, "schemaVersion").asInt(), require(n, "vmlabVersion").asText(),
          require(n, "experiment").asText(), require(n, "seed").asLong(), require(n, "configHash").asText(),
          require(n, "sweepSize").asInt(), shard, indices, files);
    } catch (IllegalArgumentException e) {
      throw new UserError(file + ": " + e.getMessage());
    }
  }

  private static JsonNode require(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing '" + name + "'");
    }
    return v;
  }
}
