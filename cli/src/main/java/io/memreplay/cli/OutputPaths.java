package io.memreplay.cli;

import io.memreplay.analytics.results.ResultsLayout;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where commands write, checked before anything is written: an output goes to a new path, or replaces
 * something memreplay itself writes there (a regular file, a results folder, a trace folder), never a
 * device, a pipe, a foreign folder or a symbolic link. Links are refused rather than followed or replaced,
 * so that a link planted at the output path cannot send the write elsewhere.
 */
final class OutputPaths {

  private OutputPaths() {}

  /** A file to write or replace: absent, or a regular file, and not inside a trace or results folder. */
  static void requireFile(String option, Path file) throws BadInputException {
    requireFolderAbove(option, file);
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null
        && (Files.exists(folder.resolve(TraceManifest.FILE_NAME)) || new ResultsLayout(folder).isResultsFolder())) {
      throw new BadInputException(option + " " + file + " is inside " + folder + ", a trace or results folder, which"
          + " only memreplay's own writers change; choose a path outside it");
    }
    if (exists(file)) {
      requireNoLink(option, file);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new BadInputException(option + " " + file + " exists and is not a regular file ("
            + (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? "a folder" : "a device, pipe or socket")
            + "); memreplay writes its output only to a new path or over a file; choose another path");
      }
    }
  }

  /** A results folder to write into: absent, empty, or a results folder already. */
  static void requireResultsFolder(String option, Path dir) throws BadInputException {
    requireFolderAbove(option, dir);
    if (requireFolder(option, dir) && !Files.isDirectory(dir.resolve("runs"), LinkOption.NOFOLLOW_LINKS)) {
      throw new BadInputException(option + " " + dir + " is a folder that is not a memreplay results folder (it has"
          + " files but no runs/ folder); give a new or empty folder, or one that replay wrote");
    }
    if (exists(dir)) {
      try (Stream<Path> tables = Files.list(dir)) {
        for (Path table : tables.toList()) {
          requireNoLink(option, table);
        }
      } catch (IOException e) {
        throw new BadInputException(option + " " + dir + ": cannot be listed (" + e.getMessage() + ")", e);
      }
    }
  }

  /**
   * A trace folder to write: absent, or a folder (whether its contents may be replaced is the dataset
   * writer's decision: only a trace, and only with {@code --force}).
   */
  static void requireTraceFolder(String option, Path dir) throws BadInputException {
    requireFolderOfFiles(option, dir);
  }

  /** A folder to write files into: absent, or a folder. */
  static void requireFolderOfFiles(String option, Path dir) throws BadInputException {
    requireFolderAbove(option, dir);
    requireFolder(option, dir);
  }

  /** Refuses a path below a file: the first of its parents that exists must be a folder. */
  private static void requireFolderAbove(String option, Path path) throws BadInputException {
    for (Path above = path.toAbsolutePath().getParent(); above != null; above = above.getParent()) {
      if (Files.exists(above, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(above)) {
        if (!Files.isDirectory(above)) {
          throw new BadInputException(option + " " + path + ": " + above + " is a file, not a folder; choose another"
              + " path");
        }
        return;
      }
    }
  }

  /**
   * Refuses a path that exists and is a link or not a folder.
   *
   * @return whether the folder exists and holds something
   */
  private static boolean requireFolder(String option, Path dir) throws BadInputException {
    if (!exists(dir)) {
      return false;
    }
    requireNoLink(option, dir);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new BadInputException(option + " " + dir + " exists and is not a folder; choose another path");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      throw new BadInputException(option + " " + dir + ": cannot be listed (" + e.getMessage() + ")", e);
    }
  }

  private static void requireNoLink(String option, Path path) throws BadInputException {
    if (Files.isSymbolicLink(path)) {
      throw new BadInputException(option + " " + path + " is a symbolic link; memreplay neither follows nor replaces"
          + " links at its outputs: give the path the link points to, or another path");
    }
  }

  private static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }
}
