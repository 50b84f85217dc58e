package io.memreplay.cli;

import io.memreplay.schemas.trace.Verification;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --verify full|cheap}: trusting the manifest has an option of its own, {@code --trust-manifest}. */
final class VerificationConverter implements ITypeConverter<Verification> {
  @Override
  public Verification convert(String value) {
    for (Verification verification : Verification.values()) {
      if (verification != Verification.TRUSTED && verification.label().equals(value)) {
        return verification;
      }
    }
    throw new TypeConversionException("'" + value + "' is not full or cheap");
  }
}
