package org.communityhub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every figure of one run of the suite, and the report (markdown and JSON) written from them. */
final class Results {

  /** One measured quantity: a value per repetition; bounded by a baseline when {@code baseline} names one. */
  record Figure(String id, String title, String unit, String definition, List<Double> runs, String baseline) {
    double min() {
      return Stats.min(runs);
    }

    double median() {
      return Stats.median(runs);
    }

    double max() {
      return Stats.max(runs);
    }
  }

  /** A target of issue 9 item 4: met when {@code met} holds for the figure's median. */
  record Target(String text, String figureId, String comparison, boolean met, String evaluated) {}

  final Map<String, Object> environment = new LinkedHashMap<>();
  final Map<String, Object> settings = new LinkedHashMap<>();
  final Map<String, Figure> baselines = new LinkedHashMap<>();
  final Map<String, Figure> figures = new LinkedHashMap<>();
  final List<Target> targets = new ArrayList<>();
  final Map<String, String> profiles = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();

  Figure baseline(String id, String title, String unit, String definition, List<Double> runs) {
    Figure figure = new Figure(id, title, unit, definition, List.copyOf(runs), null);
    baselines.put(id, figure);
    return figure;
  }

  Figure figure(String id, String title, String unit, String definition, List<Double> runs, String baseline) {
    Figure figure = new Figure(id, title, unit, definition, List.copyOf(runs), baseline);
    figures.put(id, figure);
    return figure;
  }

  /** The figure's median over its baseline's median, or NaN. */
  double ratio(Figure figure) {
    Figure baseline = figure.baseline() == null ? null : baselines.get(figure.baseline());
    return baseline == null || baseline.median() == 0 ? Double.NaN : figure.median() / baseline.median();
  }

  void write(Path markdown, Path json) {
    try {
      Files.createDirectories(markdown.toAbsolutePath().getParent());
      Files.writeString(markdown, asMarkdown());
      Files.writeString(json, HubApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(asJson()) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, Object> asJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("environment", environment);
    // Durations and lists as the markdown shows them (Jackson has no java.time module here).
    Map<String, Object> plainSettings = new LinkedHashMap<>();
    settings.forEach((key, value) -> plainSettings.put(key,
        value instanceof Number || value instanceof String ? value : String.valueOf(value)));
    root.put("settings", plainSettings);
    root.put("baselines", baselines.values().stream().map(this::figureJson).toList());
    root.put("figures", figures.values().stream().map(this::figureJson).toList());
    root.put("targets", targets);
    root.put("profiles", profiles);
    root.put("notes", notes);
    return root;
  }

  private Map<String, Object> figureJson(Figure figure) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", figure.id());
    json.put("title", figure.title());
    json.put("unit", figure.unit());
    json.put("definition", figure.definition());
    json.put("runs", figure.runs());
    json.put("min", finite(figure.min()));
    json.put("median", finite(figure.median()));
    json.put("max", finite(figure.max()));
    if (figure.baseline() != null) {
      json.put("baseline", figure.baseline());
      json.put("ratioToBaseline", finite(ratio(figure)));
    }
    return json;
  }

  private static Object finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private String asMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("Written by `bench/run.sh` (bench/README.md); do not edit by hand. Every figure is min / median / max "
        + "over the repetitions; a ratio is the figure's median over the median of the baseline that bounds it, "
        + "so results compare across machines.\n\n");
    if ("smoke".equals(settings.get("mode"))) {
      md.append("> **Smoke run**: small sizes and short durations, to check the harness end to end. Its figures are "
          + "noise, not results.\n\n");
    }
    md.append("## Machine and versions\n\n| | |\n|---|---|\n");
    environment.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
    md.append("\n## Settings\n\n| | |\n|---|---|\n");
    settings.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
    md.append("\n## Targets (issue 9, item 4)\n\n| target | figure (median) | met |\n|---|---|---|\n");
    for (Target target : targets) {
      md.append("| ").append(target.text()).append(" | ").append(target.evaluated()).append(" | ")
          .append(target.met() ? "met" : "**not met**").append(" |\n");
    }
    md.append("\n## Baselines\n\n");
    table(md, baselines.values(), false);
    md.append("\n## Figures\n\n");
    table(md, figures.values(), true);
    md.append("\n## Definitions\n\n");
    for (Figure figure : baselines.values()) {
      md.append("- **").append(figure.id()).append("** (").append(figure.title()).append("): ")
          .append(figure.definition()).append("\n");
    }
    for (Figure figure : figures.values()) {
      md.append("- **").append(figure.id()).append("** (").append(figure.title()).append("): ")
          .append(figure.definition()).append("\n");
    }
    if (!profiles.isEmpty()) {
      md.append("\n## Where the time goes (missed targets)\n\n");
      profiles.forEach((what, hot) -> md.append("### ").append(what).append("\n\n```\n").append(hot.strip())
          .append("\n```\n\n"));
    }
    if (!notes.isEmpty()) {
      md.append("\n## Notes\n\n");
      notes.forEach(note -> md.append("- ").append(note).append("\n"));
    }
    return md.toString();
  }

  private void table(StringBuilder md, Iterable<Figure> rows, boolean withRatio) {
    md.append(withRatio ? "| id | figure | unit | min | median | max | runs | baseline | ratio |\n|---|---|---|---|---|---|---|---|---|\n"
        : "| id | baseline | unit | min | median | max | runs |\n|---|---|---|---|---|---|---|\n");
    for (Figure figure : rows) {
      md.append("| ").append(figure.id()).append(" | ").append(figure.title()).append(" | ").append(figure.unit())
          .append(" | ").append(number(figure.min())).append(" | ").append(number(figure.median()))
          .append(" | ").append(number(figure.max())).append(" | ").append(figure.runs().size());
      if (withRatio) {
        md.append(" | ").append(figure.baseline() == null ? "—" : figure.baseline()).append(" | ")
            .append(figure.baseline() == null ? "—" : String.format(Locale.ROOT, "%.3f", ratio(figure)));
      }
      md.append(" |\n");
    }
  }

  static String number(double value) {
    if (!Double.isFinite(value)) {
      return "—";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
