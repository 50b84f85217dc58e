package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.memreplay.engine.translation.TranslationPolicy;

/**
 * A named set of hypervisor choices to replay a trace under. Comparing policies is replaying one trace
 * under several of them. Sections not given take ESXi's defaults.
 */
public record Policy(String name, String description, SharingPolicy sharing, TranslationPolicy translation) {

  @JsonCreator
  public Policy(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty("description") String description,
      @JsonProperty("sharing") SharingPolicy sharing,
      @JsonProperty("translation") TranslationPolicy translation) {
    this.name = name;
    this.description = description == null ? "" : description;
    this.sharing = sharing == null ? SharingPolicy.ESXI_DEFAULT : sharing;
    this.translation = translation == null ? TranslationPolicy.ESXI_DEFAULT : translation;
  }

  void check(String source) throws ConfigException {
    Scenario.require(source, name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"),
        "policy name must be letters, digits, '.', '_' or '-' (it names folders), is '" + name + "'");
    sharing.check(source);
  }
}
