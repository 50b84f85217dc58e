package io.memreplay.cli;

import picocli.CommandLine.Command;

/**
 * {@code memreplay import}: foreign recordings as a trace dataset and its scenario, one subcommand per kind
 * of recording. It does nothing by itself, so picocli asks for a subcommand (a usage error) when none is given.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Imports recordings of real programs, hosts and processes into a trace dataset with a matching"
        + " scenario.yaml. Unusable input records are kept in DIR/rejects/ with file, line and reason."},
    subcommands = {ProgramTraceImportCommand.Lackey.class, ProgramTraceImportCommand.Pin.class,
        DemandCsvImportCommand.class, EsxtopImportCommand.class, DamonImportCommand.class, ProcSnapshotImportCommand.class})
final class ImportCommand {}
