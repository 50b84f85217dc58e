package io.memreplay.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of README.md and docs/*.md leads to a file of the repository, and every anchor
 * to a heading of its file (as GitHub names headings); nothing points outside the repository.
 */
class DocumentationLinksTest {

  private final List<MarkdownFile> docs = ProjectDocs.all();
  private final Map<Path, MarkdownFile> byPath =
      docs.stream().collect(Collectors.toMap(f -> f.path, Function.identity()));

  @Test
  void everyRelativeLinkAndAnchorResolves() {
    List<String> broken = new ArrayList<>();
    for (MarkdownFile file : docs) {
      for (MarkdownFile.Target target : file.targets) {
        String problem = problem(file, target.destination());
        if (problem != null) {
          broken.add(file.name() + ":" + target.line() + ": " + target.destination() + ": " + problem);
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  @Test
  void theDocsLinkToEachOtherAndTheReadmeToEveryDoc() {
    MarkdownFile readme = byPath.get(ProjectDocs.ROOT.resolve("README.md"));
    for (MarkdownFile doc : docs) {
      if (doc != readme) {
        String relative = ProjectDocs.ROOT.relativize(doc.path).toString();
        assertTrue(readme.targets.stream().anyMatch(t -> t.destination().equals(relative)),
            "README.md should link to " + relative);
      }
    }
  }

  @Test
  void nothingPointsToTheTeamsWorkbench() throws Exception {
    for (MarkdownFile file : docs) {
      String text = Files.readString(file.path);
      assertTrue(!text.contains("../shared") && !text.contains("/work/"), file.name() + " points outside the repository");
    }
  }

  /** Why a link does not resolve, or null when it does. */
  private String problem(MarkdownFile from, String destination) {
    if (destination.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null; // an absolute URL (https:, mailto:): not checked offline
    }
    int hash = destination.indexOf('#');
    String pathPart = hash < 0 ? destination : destination.substring(0, hash);
    String anchor = hash < 0 ? null : destination.substring(hash + 1);
    Path target = pathPart.isEmpty() ? from.path : from.path.getParent().resolve(pathPart).normalize();
    if (!target.startsWith(ProjectDocs.ROOT)) {
      return "outside the repository";
    }
    if (!Files.exists(target)) {
      return "no such file";
    }
    if (anchor == null) {
      return null;
    }
    MarkdownFile targetDoc = byPath.containsKey(target) ? byPath.get(target)
        : target.toString().endsWith(".md") ? MarkdownFile.read(target) : null;
    if (targetDoc == null) {
      return "an anchor into a file that is not Markdown";
    }
    return targetDoc.anchors.contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + targetDoc.name()
        + " (it has " + targetDoc.anchors + ")";
  }
}
