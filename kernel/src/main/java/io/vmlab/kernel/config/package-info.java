/** The typed machine description the kernel is built from (the app reads it from YAML). */
package io.vmlab.kernel.config;
