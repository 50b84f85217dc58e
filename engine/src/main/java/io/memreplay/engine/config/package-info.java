/**
 * What a replay simulates: the {@link io.memreplay.engine.config.Scenario} (a host and its VMs) and the
 * {@link io.memreplay.engine.config.Policy} documents to compare, parsed from YAML text with errors
 * that name the document, line and field. A policy's sections are the settings of the mechanisms they
 * configure, so this package depends on the {@code translation} package's settings types. Sizes, rates
 * and VM ids beyond what the engine models ({@code SizeLimits}, the schemas' {@code RecordScreen}) are
 * refused by field name.
 */
package io.memreplay.engine.config;
