/**
 * What a replay simulates: the {@link io.memreplay.engine.config.Scenario} (a host and its VMs) and the
 * {@link io.memreplay.engine.config.Policy} documents to compare, parsed from YAML text with errors
 * that name the document, line and field. Depends on nothing else in memreplay.
 */
package io.memreplay.engine.config;
