package io.memreplay.cli.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The project's documentation: README.md at the repository root and every {@code docs/*.md}. */
final class ProjectDocs {

  /** The repository root: tests run in their module's folder, one below it. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private ProjectDocs() {}

  static List<MarkdownFile> all() {
    List<MarkdownFile> files = new ArrayList<>();
    files.add(MarkdownFile.read(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().map(MarkdownFile::read).forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
