/** How a plugin contributes to the host beyond its extensions: Guice modules. */
package io.vmlab.api.plugin;
