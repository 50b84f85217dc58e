package io.memreplay.analytics.html;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;

/**
 * An SVG document rendered to PNG in this JVM by Batik: no browser needed, the same pixels on every machine
 * with the same fonts. Drawn at twice the SVG's size, so that text stays sharp on high-density screens and
 * in printed documents.
 */
final class PngImage {

  /** Pixels per SVG unit. */
  static final float SCALE = 2;

  private PngImage() {}

  /** The PNG of {@code svg}, whose root element has a {@code width} of {@code width} units. */
  static byte[] of(String svg, double width) throws IOException {
    PNGTranscoder transcoder = new PNGTranscoder();
    transcoder.addTranscodingHint(PNGTranscoder.KEY_WIDTH, (float) (width * SCALE));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      transcoder.transcode(new TranscoderInput(new StringReader(svg)), new TranscoderOutput(png));
    } catch (TranscoderException e) {
      throw new IOException("the chart could not be rendered to PNG: " + e.getMessage(), e);
    }
    return png.toByteArray();
  }
}
