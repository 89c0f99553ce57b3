package io.vmlab.app.plugin;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates a plugin's {@code Plugin-Class} like PF4J's default factory, but throws a message
 * instead of logging a stack trace and returning null, so the host can report it on one line.
 */
final class QuietPluginFactory implements PluginFactory {
  @Override
  public Plugin create(PluginWrapper wrapper) {
    String className = wrapper.getDescriptor().getPluginClass();
    Class<?> type;
    try {
      type = wrapper.getPluginClassLoader().loadClass(className);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new PluginRuntimeException("its Plugin-Class '{}' cannot be loaded ({})", className, e);
    }
    int mods = type.getModifiers();
    if (Modifier.isAbstract(mods) || Modifier.isInterface(mods) || !Plugin.class.isAssignableFrom(type)) {
      throw new PluginRuntimeException("its Plugin-Class '{}' is not a concrete org.pf4j.Plugin", className);
    }
    try {
      try {
        Constructor<?> withWrapper = type.getConstructor(PluginWrapper.class);
        return (Plugin) withWrapper.newInstance(wrapper);
      } catch (NoSuchMethodException e) {
        return (Plugin) type.getConstructor().newInstance();
      }
    } catch (InvocationTargetException e) {
      throw new PluginRuntimeException(e.getCause(), "its Plugin-Class '{}' constructor failed: {}", className,
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new PluginRuntimeException(e, "its Plugin-Class '{}' cannot be created: {}", className, e);
    }
  }
}
