package io.memreplay.cli;

import io.memreplay.engine.replay.EngineVersion;
import io.memreplay.engine.replay.ReplayLimits;
import io.memreplay.engine.replay.ReplayOutOfMemoryError;
import io.memreplay.ingest.kafka.KafkaUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The {@code memreplay} command line. */
@Command(name = "memreplay", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Replays memory traces of virtual machines through a simulated ESXi-style host and analyses the results in DuckDB.")
public final class Main {

  /**
   * The subcommands, in the order the usage lists them. They are added when the command line is built, not
   * named in the annotation: picocli reads each one's options by reflection, and a command that names its
   * subcommand needs only that one built (on a fresh JVM, {@code memreplay replay --help} took 0.31 s with
   * all of them built, 0.27 s with one).
   */
  private static final Map<String, Class<?>> SUBCOMMANDS = byName(DemoCommand.class, GenerateCommand.class,
      ImportCommand.class, InspectCommand.class, ReplayCommand.class, PoliciesCommand.class, PublishCommand.class,
      SqlCommand.class, ReportCommand.class, BrokerCommand.class, CommandLine.HelpCommand.class);

  /** Set to print stack traces of failures, for bug reports. */
  static final String DEBUG_VARIABLE = "MEMREPLAY_DEBUG";

  public static void main(String[] args) {
    if (System.getenv(DEBUG_VARIABLE) != null) {
      // the Kafka client's and broker's own log, which simplelogger.properties keeps to errors
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "info");
      System.setProperty("org.slf4j.simpleLogger.log.kafka", "info");
    }
    Interruption.watch(commandName(args));
    int code = run(args);
    Interruption.commandReturned();
    System.exit(code);
  }

  /** How messages name the command: {@code memreplay replay}, {@code memreplay import lackey}. */
  private static String commandName(String... args) {
    if (args.length == 0) {
      return "memreplay";
    }
    return "memreplay " + (args[0].equalsIgnoreCase("import") && args.length > 1 ? "import " + args[1] : args[0]);
  }

  /** Runs the command line and returns the exit code, without exiting: for tests. */
  public static int run(String... args) {
    CommandLine commandLine = commandLine(args);
    commandLine.setExecutionExceptionHandler(Main::handle);
    commandLine.setExitCodeExceptionMapper(e -> ExitCode.USAGE.code());
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      return outOfMemory(e, commandName(args));
    } catch (Error e) {
      if (Interruption.stopping()) {
        // as in handle(): met while the JVM stops under the command (once, in a test, an
        // ExceptionInInitializerError), and no news to the user, whom the interruption's line told
        return ExitCode.FAILURE.code();
      }
      // picocli hands only exceptions to handle(); an error (a native library that cannot be unpacked to a
      // full or size-limited temporary folder, say) would otherwise end in the JVM's stack trace
      PrintWriter err = new PrintWriter(System.err, true);
      failed(commandName(args), e, err);
      err.flush();
      return ExitCode.FAILURE.code();
    }
  }

  /**
   * The command line, with only the subcommand that {@code args} start with when they name one (other than
   * {@code help}, which needs them all); with every one otherwise, for the usage that lists them.
   */
  static CommandLine commandLine(String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    String named = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help") ? args[0] : null;
    SUBCOMMANDS.forEach((name, command) -> {
      if (named == null || named.equals(name)) {
        commandLine.addSubcommand(command);
      }
    });
    // set after the subcommands are added, so that it applies to them too
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    CommandLine importer = commandLine.getSubcommands().get("import");
    if (importer != null) {
      // "import LACKEY" worked when the format was an enum parameter; its subcommands keep accepting any case
      importer.setSubcommandsCaseInsensitive(true);
    }
    CommandLine sql = commandLine.getSubcommands().get("sql");
    if (sql != null) {
      // SQL may start with a "-- comment" line, which picocli would otherwise take for an unknown option
      sql.setUnmatchedOptionsArePositionalParams(true);
    }
    return commandLine;
  }

  private static Map<String, Class<?>> byName(Class<?>... commands) {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (Class<?> command : commands) {
      byName.put(command.getAnnotation(Command.class).name(), command);
    }
    return byName;
  }

  /** The line of a failure that is memreplay's or its environment's, and the stack trace when asked for. */
  private static void failed(String command, Throwable e, PrintWriter err) {
    err.println(command + ": failed: " + e);
    if (System.getenv(DEBUG_VARIABLE) == null) {
      err.println("(set " + DEBUG_VARIABLE + "=1 for the stack trace)");
    } else {
      e.printStackTrace(err);
    }
  }

  /**
   * One line that says what to give the JVM instead of a stack trace: a replay's own error says how many
   * pages it tracked and what heap the trace needs; anything else asks for twice the heap.
   */
  private static int outOfMemory(OutOfMemoryError e, String command) {
    String advice = e instanceof ReplayOutOfMemoryError ? e.getMessage()
        : "out of memory in a heap of " + ReplayLimits.size(Runtime.getRuntime().maxMemory())
            + "; run it again with MEMREPLAY_JAVA_OPTS=-Xmx" + ReplayLimits.heapOption(2 * Runtime.getRuntime().maxMemory());
    System.err.println(command + ": " + advice);
    // where the heap ran out says nothing the line does not: the trace is only offered to those who ask
    if (System.getenv(DEBUG_VARIABLE) != null) {
      e.printStackTrace();
    }
    return ExitCode.FAILURE.code();
  }

  /** Errors go to stderr as one line that says what to fix; exit codes tell scripts what kind. */
  private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) throws Exception {
    if (e instanceof UsageException) {
      return commandLine.getParameterExceptionHandler().handleParseException(
          new CommandLine.ParameterException(commandLine, e.getMessage(), e), parseResult.originalArgs().toArray(String[]::new));
    }
    if (Interruption.stopping()) {
      return ExitCode.FAILURE.code();
    }
    PrintWriter err = commandLine.getErr();
    ExitCode code;
    if (e instanceof BadInputException || e instanceof IOException && isInputProblem((IOException) e)) {
      err.println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      code = ExitCode.BAD_INPUT;
    } else if (e instanceof KafkaUnavailableException) {
      // not memreplay's failure: the message says which broker and what to check
      err.println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      code = ExitCode.FAILURE;
    } else {
      failed(commandLine.getCommandSpec().qualifiedName(), e, err);
      err.flush();
      return ExitCode.FAILURE.code();
    }
    if (System.getenv(DEBUG_VARIABLE) != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return code.code();
  }

  private static boolean isInputProblem(IOException e) {
    return e instanceof io.memreplay.schemas.trace.TraceFormatException
        || e instanceof io.memreplay.schemas.trace.TraceFolderException;
  }

  /** The version of the engine, which results record. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"memreplay " + EngineVersion.get()};
    }
  }
}
