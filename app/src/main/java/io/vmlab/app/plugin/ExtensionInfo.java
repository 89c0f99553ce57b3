package io.vmlab.app.plugin;

/**
 * One discovered extension.
 *
 * @param kind which extension point it implements
 * @param name the name machines use for it
 * @param description its one-line description
 * @param className the implementing class
 * @param pluginId the plugin that provides it
 * @param instance the extension object
 */
public record ExtensionInfo(
    ExtensionKind kind, String name, String description, String className, String pluginId, Object instance) {}
