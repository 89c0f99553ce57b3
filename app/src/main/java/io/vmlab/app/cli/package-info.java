/**
 * The picocli command line: the top-level {@code vmlab} command, its subcommands, the global
 * options every command accepts, and how failures become exit codes (0 ok, 1 failure, 2 usage or
 * configuration error).
 */
package io.vmlab.app.cli;
