package io.memreplay.cli.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/** One Markdown file parsed as CommonMark: its links, heading anchors (as GitHub makes them) and code blocks. */
final class MarkdownFile {

  /** A link or image destination and the line it is on (from 1). */
  record Target(String destination, int line) {}

  /** A fenced code block: its info string (language), text and the line of its opening fence (from 1). */
  record CodeBlock(String info, String text, int line) {}

  private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  final Path path;
  final List<Target> targets = new ArrayList<>();
  final Set<String> anchors = new LinkedHashSet<>();
  final List<CodeBlock> codeBlocks = new ArrayList<>();

  private MarkdownFile(Path path, Node document) {
    this.path = path;
    IdGenerator ids = IdGenerator.builder().build();
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Link link) {
        targets.add(new Target(link.getDestination(), line(link)));
        visitChildren(link);
      }

      @Override
      public void visit(Image image) {
        targets.add(new Target(image.getDestination(), line(image)));
      }

      @Override
      public void visit(Heading heading) {
        anchors.add(ids.generateId(textOf(heading)));
      }

      @Override
      public void visit(FencedCodeBlock block) {
        codeBlocks.add(new CodeBlock(block.getInfo() == null ? "" : block.getInfo().trim(), block.getLiteral(),
            line(block)));
      }
    });
  }

  static MarkdownFile read(Path path) {
    try {
      return new MarkdownFile(path, PARSER.parse(Files.readString(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    return ProjectDocs.ROOT.relativize(path).toString();
  }

  /** The line of a node: its own source span, or its block's for inline nodes. */
  private static int line(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (!n.getSourceSpans().isEmpty()) {
        return n.getSourceSpans().get(0).getLineIndex() + 1;
      }
    }
    return 0;
  }

  private static String textOf(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(Text t) {
        text.append(t.getLiteral());
      }

      @Override
      public void visit(Code code) {
        text.append(code.getLiteral());
      }
    });
    return text.toString();
  }
}
