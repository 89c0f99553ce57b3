package io.vmlab.app.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Turns one started plugin's extension index into {@link ExtensionInfo}s: loads each listed class
 * in the plugin's class loader, matches it to the kernel-api extension points it implements and
 * creates it. Every failure becomes a problem line instead of PF4J's silent skip.
 */
final class ExtensionScanner {
  /** The extensions found and the problems met. */
  record Result(List<ExtensionInfo> extensions, List<String> problems) {}

  private ExtensionScanner() {}

  /** Scans {@code plugin}, which must be started. */
  static Result scan(PluginManager manager, PluginWrapper plugin) {
    String id = plugin.getPluginId();
    List<ExtensionInfo> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> classNames = new TreeSet<>(manager.getExtensionClassNames(id));
    if (classNames.isEmpty()) {
      problems.add("declares no extensions");
    }
    ClassLoader loader = plugin.getPluginClassLoader();
    for (String className : classNames) {
      Class<?> type;
      try {
        type = Class.forName(className, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        problems.add("extension " + className + " cannot be loaded (" + describe(e) + ")");
        continue;
      }
      List<ExtensionKind> kinds = kindsOf(type);
      if (kinds.isEmpty()) {
        problems.add("extension " + className + " implements no vmlab extension point"
            + (mentionsApiByName(type) ? " this host's class loader knows: the plugin bundles its own copy of "
                + "kernel-api (it must have 'provided' scope)" : ""));
        continue;
      }
      Object instance;
      try {
        instance = manager.getExtensionFactory().create(type);
      } catch (RuntimeException | LinkageError e) {
        problems.add("extension " + className + " cannot be created (" + describe(e) + ")");
        continue;
      }
      for (ExtensionKind kind : kinds) {
        try {
          String name = kind.nameOf(instance);
          String description = kind.descriptionOf(instance);
          if (name == null || name.isBlank()) {
            problems.add("extension " + className + " has an empty name");
            continue;
          }
          found.add(new ExtensionInfo(kind, name, description == null ? "" : description, className, id, instance));
        } catch (RuntimeException | LinkageError e) {
          problems.add("extension " + className + " fails to name itself (" + describe(e) + ")");
        }
      }
    }
    found.sort(Comparator.comparing(ExtensionInfo::kind).thenComparing(ExtensionInfo::name));
    return new Result(found, problems);
  }

  private static List<ExtensionKind> kindsOf(Class<?> type) {
    List<ExtensionKind> kinds = new ArrayList<>();
    for (ExtensionKind kind : ExtensionKind.values()) {
      if (kind.type().isAssignableFrom(type)) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  /** Whether {@code type} implements an interface named like one of ours but loaded elsewhere. */
  private static boolean mentionsApiByName(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        for (ExtensionKind kind : ExtensionKind.values()) {
          if (i.getName().equals(kind.type().getName())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** A short cause: PF4J's own message, else the exception's simple name and message. */
  static String describe(Throwable e) {
    String msg = e.getMessage();
    if (e instanceof PluginRuntimeException && msg != null) {
      return msg;
    }
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }
}
