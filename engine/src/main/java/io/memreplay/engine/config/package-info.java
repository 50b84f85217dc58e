/**
 * What a replay simulates and how: the {@link io.memreplay.engine.config.Scenario} (a host and its VMs) and
 * the {@link io.memreplay.engine.config.Policy} documents to compare, parsed from YAML text with errors that
 * name the document, line and field. Every settings record of every model lives here (a policy's sections:
 * translation, large pages, allocation, states, balloon, compression, swap, sampling, cold-page reclaim,
 * costs) with its defaults and range checks, so the models depend on this package and never the other way.
 * A scenario's {@link io.memreplay.engine.config.TimelineEvent}s change policy and VM settings during a
 * replay: parts of documents merged over the current ones ({@link io.memreplay.engine.config.ConfigYaml#patched}).
 * Sizes, rates and VM ids beyond what the engine models ({@code SizeLimits}, the schemas' {@code
 * RecordScreen}) are refused by field name. Depends on nothing else in the engine.
 */
package io.memreplay.engine.config;
