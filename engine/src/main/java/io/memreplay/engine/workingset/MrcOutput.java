package io.memreplay.engine.workingset;

import io.memreplay.schemas.avro.MrcPoint;
import java.io.IOException;

/** Where the rows of miss-ratio curves go: the run's {@code mrc} table ({@code RunOutput::mrcPoint}). */
@FunctionalInterface
public interface MrcOutput {

  void point(MrcPoint row) throws IOException;
}
