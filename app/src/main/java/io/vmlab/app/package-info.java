/**
 * The {@code vmlab} command. {@link io.vmlab.app.Main} is the entry point; sub-packages hold the
 * command line ({@code cli}), the PF4J plugin host ({@code plugin}), YAML machine loading ({@code
 * config}), the Guice wiring of one machine ({@code wiring}), what {@code layout} and {@code
 * translate} compute ({@code inspect}), the demo ({@code demo}) and output helpers ({@code format}).
 */
package io.vmlab.app;
