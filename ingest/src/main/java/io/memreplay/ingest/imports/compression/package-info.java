/**
 * Input files as the bytes they hold, whatever compression they were kept in: {@link
 * io.memreplay.ingest.imports.compression.InputFiles} recognises gzip, zstd, xz and bzip2 by their first bytes
 * (not by the file name; {@link io.memreplay.ingest.imports.compression.Compression}) and streams the
 * decompressed bytes, with no temporary copy; a corrupt or cut-short file fails with a {@link
 * io.memreplay.ingest.imports.compression.CorruptInputException} that names it. Depends on commons-compress
 * (with zstd-jni and XZ for Java) only; the importers depend on it.
 */
package io.memreplay.ingest.imports.compression;
