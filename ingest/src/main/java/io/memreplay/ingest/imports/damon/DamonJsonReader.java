package io.memreplay.ingest.imports.damon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.memreplay.ingest.imports.ImportException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The JSON forms of {@code damo record} ({@code --output_type json}, and {@code json_compressed} once
 * inflated): an array of records, one per monitoring target, each {@code {"target_id": ..., "intervals":
 * {"sample_us": ..., "aggr_us": ...}, "snapshots": [{"start_time": ..., "end_time": ..., "regions": [{"start":
 * ..., "end": ..., "nr_accesses": {"samples": N, "percent": P}, "age": ...}, ...]}, ...]}}}. Numbers may be text
 * as damo writes them ({@link DamoText}); fields memreplay does not use are skipped. Read as a stream: the file
 * is never held whole.
 */
final class DamonJsonReader {

  private static final JsonFactory JSON = new JsonFactory();

  private final String source;
  private final JsonParser parser;
  private final DamonRecording recording;
  private final RecordRejects rejects;
  private final int minAccesses;
  private long sampleUs = -1;
  private long aggrUs = -1;

  private DamonJsonReader(String source, JsonParser parser, DamonRecording recording, RecordRejects rejects,
      int minAccesses) {
    this.source = source;
    this.parser = parser;
    this.recording = recording;
    this.rejects = rejects;
    this.minAccesses = minAccesses;
  }

  /**
   * Reads the records of {@code in} into {@code recording}, each target named {@code prefix} and its id.
   *
   * @throws ImportException when the text is not JSON, or not damo's structure; the message names the line
   */
  static void read(String source, InputStream in, String prefix, DamonRecording recording, RecordRejects rejects,
      int minAccesses) throws IOException, ImportException {
    try (JsonParser parser = JSON.createParser(in)) {
      new DamonJsonReader(source, parser, recording, rejects, minAccesses).records(prefix);
    } catch (JsonEOFException e) {
      throw new ImportException(source + " line " + e.getLocation().getLineNr() + ": the JSON ends too early: the file"
          + " is cut short", e);
    } catch (JsonParseException e) {
      throw new ImportException(source + " line " + e.getLocation().getLineNr() + ": not valid JSON ("
          + e.getOriginalMessage() + ")", e);
    }
  }

  private void records(String prefix) throws IOException, ImportException {
    expect(parser.nextToken(), JsonToken.START_ARRAY, "a damo record file is a JSON array of records");
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      expect(parser.currentToken(), JsonToken.START_OBJECT, "each record is a JSON object");
      record(prefix, index++);
    }
    expect(parser.nextToken(), null, "the records' array must end the file");
  }

  private void record(String prefix, int index) throws IOException, ImportException {
    String targetId = null;
    sampleUs = -1;
    aggrUs = -1;
    DamonRecording.Target target = null;
    while (parser.nextToken() != JsonToken.END_OBJECT) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "target_id" -> targetId = value == JsonToken.VALUE_NULL ? null : parser.getText();
        case "intervals" -> intervals(value);
        case "snapshots" -> {
          expect(value, JsonToken.START_ARRAY, "'snapshots' is an array");
          target = recording.target(prefix + (targetId != null ? targetId : Integer.toString(index)));
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(parser.currentToken(), JsonToken.START_OBJECT, "each snapshot is an object");
            snapshot(target);
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (target == null) {
      throw new ImportException(source + " line " + line() + ": record " + index + " has no 'snapshots'");
    }
  }

  private void intervals(JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() != JsonToken.END_OBJECT) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "sample_us" -> sampleUs = micros(parser.getText());
        case "aggr_us" -> aggrUs = micros(parser.getText());
        default -> parser.skipChildren();
      }
    }
  }

  private void snapshot(DamonRecording.Target target) throws IOException, ImportException {
    long line = line();
    String startText = null;
    String endText = null;
    boolean started = false;
    while (parser.nextToken() != JsonToken.END_OBJECT) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "start_time" -> startText = value == JsonToken.VALUE_NULL ? null : parser.getText();
        case "end_time" -> endText = value == JsonToken.VALUE_NULL ? null : parser.getText();
        case "regions" -> {
          expect(value, JsonToken.START_ARRAY, "'regions' is an array");
          started = begin(target, line, startText, endText);
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(parser.currentToken(), JsonToken.START_OBJECT, "each region is an object");
            region(target, started);
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  /** Starts the snapshot in {@code target}, or rejects it; false when rejected (its regions are skipped). */
  private boolean begin(DamonRecording.Target target, long line, String startText, String endText) throws IOException {
    String what = "start_time=" + startText + ", end_time=" + endText;
    long start;
    long end;
    try {
      start = startText == null ? -1 : DamoText.nanos(startText);
      if (endText == null) {
        rejects.reject("snapshot", line, "the snapshot has no end_time (it must come before its regions)", what);
        return false;
      }
      end = DamoText.nanos(endText);
    } catch (NumberFormatException e) {
      rejects.reject("snapshot", line, "the snapshot's time " + e.getMessage(), what);
      return false;
    }
    if (start >= 0 && end < start) {
      rejects.reject("snapshot", line, "the snapshot ends before it starts", what);
      return false;
    }
    target.snapshot(start, end);
    return true;
  }

  private void region(DamonRecording.Target target, boolean keep) throws IOException {
    long line = line();
    String startText = null;
    String endText = null;
    long samples = -1;
    double percent = -1;
    String accessesText = null;
    while (parser.nextToken() != JsonToken.END_OBJECT) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "start" -> startText = parser.getText();
        case "end" -> endText = parser.getText();
        case "nr_accesses" -> {
          if (value == JsonToken.START_OBJECT) {
            while (parser.nextToken() != JsonToken.END_OBJECT) {
              String unit = parser.currentName();
              JsonToken number = parser.nextToken();
              if (number != JsonToken.VALUE_NULL && unit.equals("samples")) {
                accessesText = parser.getText();
              } else if (number != JsonToken.VALUE_NULL && unit.equals("percent")) {
                percent = parser.getValueAsDouble(-1);
              } else {
                parser.skipChildren();
              }
            }
          } else if (value != JsonToken.VALUE_NULL) {
            accessesText = parser.getText();
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (!keep) {
      return;
    }
    String record = "start=" + startText + ", end=" + endText + ", nr_accesses=" + (accessesText != null ? accessesText
        : percent >= 0 ? percent + " %" : "null");
    long start;
    long end;
    try {
      if (startText == null || endText == null) {
        rejects.reject("region", line, "the region has no " + (startText == null ? "start" : "end"), record);
        return;
      }
      start = DamoText.bytes(startText);
      end = DamoText.bytes(endText);
      if (accessesText != null) {
        samples = DamoText.count(accessesText);
      }
    } catch (NumberFormatException e) {
      rejects.reject("region", line, "the region's " + e.getMessage(), record);
      return;
    }
    if (samples < 0 && percent >= 0) {
      if (sampleUs <= 0 || aggrUs <= 0) {
        rejects.reject("region", line, "nr_accesses is given in percent only, and the record has no intervals to"
            + " turn it into samples", record);
        return;
      }
      samples = Math.round(percent / 100 * aggrUs / sampleUs);
    }
    if (samples < 0) {
      rejects.reject("region", line, "the region has no nr_accesses", record);
      return;
    }
    if (start < 0 || end <= start) {
      rejects.reject("region", line, RecordRejects.INVERTED_REGION, record);
      return;
    }
    if (samples >= minAccesses) {
      target.region(start, end, (int) Math.min(Integer.MAX_VALUE, samples));
    }
  }

  /** An interval: microseconds as a plain number, or a time with units ("5 ms"); -1 when neither. */
  private static long micros(String text) {
    try {
      return text.chars().anyMatch(Character::isLetter) ? DamoText.nanos(text) / 1000 : DamoText.count(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private long line() {
    return parser.currentLocation().getLineNr();
  }

  private void expect(JsonToken found, JsonToken wanted, String why) throws ImportException {
    if (found != wanted) {
      throw new ImportException(source + " line " + line() + ": " + why + ", found " + (found == null ? "the end"
          : found.asString() != null ? "'" + found.asString() + "'" : found.name().toLowerCase(Locale.ROOT)));
    }
  }
}
