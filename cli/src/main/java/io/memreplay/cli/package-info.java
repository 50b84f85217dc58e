/**
 * The {@code memreplay} command: one class per subcommand, each wiring a source from {@code ingest},
 * the {@code engine} and a sink or report from {@code analytics}. Also owns what only a command line
 * needs: exit codes, progress display, argument parsing. The only package that knows every module.
 */
package io.memreplay.cli;
