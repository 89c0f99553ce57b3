/**
 * Machine files: YAML read safely with SnakeYAML in compose mode (no object construction, no
 * duplicate keys, bounded aliases and size), bound to a {@link io.vmlab.kernel.config.MachineSpec}
 * by a small typed binder that parses every scalar from its raw text, and checked against the
 * loaded plugins. Every problem is reported as {@code FILE:LINE:COL: message}, all at once.
 */
package io.vmlab.app.config;
