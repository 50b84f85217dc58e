package io.memreplay.engine.replay;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.TranslationPolicy;

/** Policy sections for tests, written as users write them. */
final class ConfigYamlPolicies {

  private ConfigYamlPolicies() {}

  static TranslationPolicy translationNone() throws ConfigException {
    return ConfigYaml.policy("name: x\ntranslation:\n  mode: none\n", "test").translation();
  }
}
