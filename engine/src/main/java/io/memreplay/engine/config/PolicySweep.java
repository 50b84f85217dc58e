package io.memreplay.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid of policy settings to replay every combination of: {@code idle_tax_pct=0,25,50,75;salting=0,2} on
 * the command line, or the same as a YAML mapping of setting to list of values. A setting is a field of a
 * policy section, named alone when one section has it ({@code salting}) or with its section ({@code
 * allocation.idle_tax_pct}). Each combination of each base policy becomes a policy of its own, named after
 * the base and the values ({@code esxi-default_idle_tax_pct-25_salting-2}), checked like any policy file.
 */
public final class PolicySweep {

  private final Map<String, List<String>> axes;
  private final String source;

  private PolicySweep(Map<String, List<String>> axes, String source) throws ConfigException {
    if (axes.isEmpty()) {
      throw new ConfigException(source + ": a sweep needs at least one setting with its values");
    }
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      if (axis.getValue().isEmpty()) {
        throw new ConfigException(source + ": setting '" + axis.getKey() + "' has no values");
      }
    }
    this.axes = axes;
    this.source = source;
  }

  /** Reads {@code setting=v1,v2;setting=v1,...}. */
  public static PolicySweep parse(String spec, String source) throws ConfigException {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    for (String part : spec.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int equals = part.indexOf('=');
      if (equals <= 0) {
        throw new ConfigException(source + ": '" + part.trim() + "' is not setting=value,value,...");
      }
      String setting = part.substring(0, equals).trim();
      List<String> values = new ArrayList<>();
      for (String value : part.substring(equals + 1).split(",", -1)) {
        if (value.isBlank()) {
          throw new ConfigException(source + ": setting '" + setting + "' has an empty value in '" + part.trim() + "'");
        }
        values.add(value.trim());
      }
      if (axes.put(setting, values) != null) {
        throw new ConfigException(source + ": setting '" + setting + "' is given twice");
      }
    }
    return new PolicySweep(axes, source);
  }

  /** Reads a YAML mapping of setting to list of values (or a single value). */
  public static PolicySweep fromYaml(String yaml, String source) throws ConfigException {
    JsonNode root = ConfigYaml.tree(yaml, source);
    if (root == null || !root.isObject()) {
      throw new ConfigException(source + ": a sweep file is a mapping of setting to its values");
    }
    Map<String, List<String>> axes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      List<String> values = new ArrayList<>();
      if (field.getValue().isArray()) {
        // a value may itself be a list (boost_states: [[clear], [soft, hard]]): kept as its text
        field.getValue().forEach(value -> values.add(value.isValueNode() ? value.asText() : value.toString()));
      } else {
        values.add(field.getValue().asText());
      }
      axes.put(field.getKey(), values);
    }
    return new PolicySweep(axes, source);
  }

  /** Combinations per base policy: the product of every setting's values. */
  public int size() {
    int size = 1;
    for (List<String> values : axes.values()) {
      size *= values.size();
    }
    return size;
  }

  /** Every combination of the grid applied to each of {@code bases}, the last setting varying fastest. */
  public List<Policy> expand(List<Policy> bases) throws ConfigException {
    List<Policy> policies = new ArrayList<>();
    requireDistinctValues();
    List<String> settings = new ArrayList<>(axes.keySet());
    for (Policy base : bases) {
      JsonNode document = ConfigYaml.toTree(base);
      List<String> paths = new ArrayList<>();
      for (String setting : settings) {
        String path = resolve(document, setting, base.name());
        int same = paths.indexOf(path);
        if (same >= 0) {
          throw new ConfigException(source + ": '" + settings.get(same) + "' and '" + setting + "' are one setting, "
              + path + ", given twice");
        }
        paths.add(path);
      }
      int[] choice = new int[settings.size()];
      for (int combination = 0; combination < size(); combination++) {
        policies.add(combination(base, settings, paths, choice));
        for (int axis = choice.length - 1; axis >= 0; axis--) {
          if (++choice[axis] < axes.get(settings.get(axis)).size()) {
            break;
          }
          choice[axis] = 0;
        }
      }
    }
    return policies;
  }

  private Policy combination(Policy base, List<String> settings, List<String> paths, int[] choice)
      throws ConfigException {
    Map<String, Object> patch = new LinkedHashMap<>();
    StringBuilder name = new StringBuilder(base.name());
    StringBuilder values = new StringBuilder();
    for (int axis = 0; axis < settings.size(); axis++) {
      String setting = settings.get(axis);
      String value = axes.get(setting).get(choice[axis]);
      String[] path = paths.get(axis).split("\\.");
      section(patch, path[0]).put(path[1], scalar(value));
      name.append('_').append(setting).append('-').append(value.replaceAll("[^A-Za-z0-9.]", "_"));
      values.append(axis == 0 ? "" : ", ").append(setting).append('=').append(value);
    }
    patch.put("name", name.toString());
    patch.put("description", (base.description().isEmpty() ? "" : base.description() + " ")
        + "(sweep of " + base.name() + ": " + values + ")");
    String where = source + ", " + base.name() + " with " + values;
    Policy policy = ConfigYaml.patched(base, patch, Policy.class, where);
    policy.check(where);
    return policy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> patch, String name) {
    return (Map<String, Object>) patch.computeIfAbsent(name, absent -> new LinkedHashMap<String, Object>());
  }

  /** The section.field path of {@code setting} in the policy's document. */
  private String resolve(JsonNode document, String setting, String policyName) throws ConfigException {
    if (setting.contains(".")) {
      String[] path = setting.split("\\.", 2);
      JsonNode section = document.get(path[0]);
      if (section == null || !section.isObject() || !section.has(path[1])) {
        throw new ConfigException(source + ": policy " + policyName + " has no setting '" + setting + "'");
      }
      return setting;
    }
    List<String> found = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> sections = document.fields(); sections.hasNext(); ) {
      Map.Entry<String, JsonNode> section = sections.next();
      if (section.getValue().isObject() && section.getValue().has(setting)) {
        found.add(section.getKey() + "." + setting);
      }
    }
    if (found.isEmpty()) {
      throw new ConfigException(source + ": policy " + policyName + " has no setting '" + setting
          + "' in any section; see `memreplay policies " + policyName + "` for its settings");
    }
    if (found.size() > 1) {
      throw new ConfigException(source + ": '" + setting + "' is a setting of several sections (" + found
          + "); name one of them");
    }
    return found.get(0);
  }

  /** Two values of a setting that read the same (0 and 0.0) would be two runs of one policy under two names. */
  private void requireDistinctValues() throws ConfigException {
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      List<JsonNode> seen = new ArrayList<>();
      for (String value : axis.getValue()) {
        JsonNode node = scalar(value);
        for (int i = 0; i < seen.size(); i++) {
          JsonNode other = seen.get(i);
          if (other.equals(node) || other.isNumber() && node.isNumber() && other.doubleValue() == node.doubleValue()) {
            throw new ConfigException(source + ": setting '" + axis.getKey() + "' is given the same value twice ("
                + axis.getValue().get(i) + " and " + value + ")");
          }
        }
        seen.add(node);
      }
    }
  }

  private JsonNode scalar(String value) throws ConfigException {
    try {
      JsonNode node = ConfigYaml.tree(value, source);
      return node == null ? ConfigYaml.mapper().getNodeFactory().textNode(value) : node;
    } catch (ConfigException e) {
      throw new ConfigException(source + ": '" + value + "' is not a value", e);
    }
  }
}
