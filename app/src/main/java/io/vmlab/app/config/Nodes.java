package io.vmlab.app.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Node-tree surgery for experiments: values set into a machine's tree keep pointing at their file. */
public final class Nodes {
  private Nodes() {}

  /** A deep copy of {@code n} whose marks name {@code file}, so problems in it are reported there. */
  public static Node relocate(Node n, String file) {
    Mark s = rename(n.getStartMark(), file);
    Mark e = rename(n.getEndMark(), file);
    if (n instanceof ScalarNode sc) {
      return new ScalarNode(sc.getTag(), sc.getValue(), s, e, sc.getScalarStyle());
    }
    if (n instanceof SequenceNode q) {
      List<Node> items = new ArrayList<>();
      for (Node i : q.getValue()) {
        items.add(relocate(i, file));
      }
      return new SequenceNode(q.getTag(), true, items, s, e, q.getFlowStyle());
    }
    MappingNode m = (MappingNode) n;
    List<NodeTuple> tuples = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      tuples.add(new NodeTuple(relocate(t.getKeyNode(), file), relocate(t.getValueNode(), file)));
    }
    return new MappingNode(m.getTag(), true, tuples, s, e, m.getFlowStyle());
  }

  private static Mark rename(Mark m, String file) {
    return m == null ? null : new Mark(file, m.getIndex(), m.getLine(), m.getColumn(), m.getBuffer(), m.getPointer());
  }

  /**
   * Sets {@code path} (keys below the root mapping, e.g. {@code machine, policies, replacement})
   * to {@code value}, creating the mappings on the way. The key node is {@code keyAt} (where the
   * user wrote the dotted key). Returns false if a non-mapping is in the way.
   */
  public static boolean set(MappingNode root, List<String> path, Node keyAt, Node value) {
    MappingNode m = root;
    for (int i = 0; i < path.size(); i++) {
      String key = path.get(i);
      boolean last = i == path.size() - 1;
      NodeTuple found = null;
      int at = -1;
      List<NodeTuple> tuples = m.getValue();
      for (int j = 0; j < tuples.size(); j++) {
        if (tuples.get(j).getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          found = tuples.get(j);
          at = j;
        }
      }
      Node keyNode = new ScalarNode(Tag.STR, key, keyAt.getStartMark(), keyAt.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
      if (last) {
        NodeTuple t = new NodeTuple(keyNode, value);
        if (found == null) {
          tuples.add(t);
        } else {
          tuples.set(at, t);
        }
        m.setValue(tuples);
        return true;
      }
      if (found == null) {
        MappingNode child = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
        tuples.add(new NodeTuple(keyNode, child));
        m.setValue(tuples);
        m = child;
      } else if (found.getValueNode() instanceof MappingNode child) {
        m = child;
      } else {
        return false;
      }
    }
    return true;
  }
}
