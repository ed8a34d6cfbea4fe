package org.communityhub.pathways;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/pathways.md} is generated from the descriptors: this test fails when it is out of date.
 * Regenerate it with {@code ./mvnw -pl pathways-bpmn test -Dtest=PathwaysDocTest -Dpathways.doc.write=true}.
 * The pictures under {@code docs/pathways/} are rendered from the BPMN files with bpmn-js (see the page).
 */
class PathwaysDocTest {

  private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
  private static final Path PAGE = DOCS.resolve("pathways.md");
  private static final String WRITE = "pathways.doc.write";

  @Test
  void docsPathwaysMdIsUpToDateWithTheDescriptors() throws IOException {
    String expected = render(PathwayCatalog.standard());
    if (Boolean.getBoolean(WRITE)) {
      Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
    }

    assertThat(PAGE).as("docs/pathways.md; regenerate with -D%s=true", WRITE).exists();
    assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
        .as("docs/pathways.md is out of date; regenerate: ./mvnw -pl pathways-bpmn test -Dtest=PathwaysDocTest -D%s=true", WRITE)
        .isEqualTo(expected);
  }

  @Test
  void everyPathwayHasItsDiagramPicture() {
    for (PathwayDescriptor pathway : PathwayCatalog.standard().all()) {
      assertThat(DOCS.resolve(picture(pathway))).as("picture of %s", pathway.code()).isRegularFile();
    }
  }

  static String render(PathwayCatalog catalog) {
    StringBuilder md = new StringBuilder();
    md.append("""
        # The pathway catalog

        <!-- Generated from pathways-bpmn/src/main/resources/pathways/*.json by PathwaysDocTest, which fails when
             this page is out of date. Regenerate:
             ./mvnw -pl pathways-bpmn test -Dtest=PathwaysDocTest -Dpathways.doc.write=true -->

        The HUB's standard set: %d pathways, each a BPMN process and a descriptor in `pathways-bpmn/`. At first
        start each is stored in PostgreSQL as version 1; from then on PostgreSQL is the only source of pathway
        definitions (`GET /pathway-definitions`), and a changed file on the classpath does not publish a new
        version. A pathway is **Completed** only when its outcome step is recorded with evidence (who confirmed
        it, how, when) and the process reaches its end; otherwise it ends **Finished Incomplete** with a close
        reason: one a CHW asks for, one a step implies (e.g. a job lost), or the time limit.

        The licensed pathway texts are not public. This content is written from public facts in the project's
        own words, and every part says where it comes from: **verified** (read in a public source),
        **recalled** (the published model, not re-checked: a default an administrator may change) or
        **local** (this HUB's own choice). Most step breakdowns are local. Payment points earn the milestone
        the payment rules name (`rules/…/payment.drl`); the default contract prices each
        (`engine/…/db/migration/V12__standard_catalog.sql`).

        The pictures (`docs/pathways/*.png`) are the BPMN files rendered by the bpmn-js viewer in headless
        Chromium: the diagram layout Camunda Modeler opens. Which checklist answer recommends each pathway and
        which one refuses it: `rules/…/risk.drl` and `rules/…/eligibility.drl`.

        | pathway | code | opened with | outcome step | variants | payment points | time limit |
        |---|---|---|---|---|---|---|
        """.formatted(catalog.all().size()));
    for (PathwayDescriptor p : catalog.all()) {
      md.append("| [").append(p.name()).append("](#").append(anchor(p.name())).append(") | `").append(p.code())
          .append("` | ").append(openedWith(p)).append(" | ").append(p.outcome().name()).append(" | ")
          .append(p.variantCodes().stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "))).append(" | ")
          .append(p.steps().stream().filter(StepDescriptor::paymentPoint).map(s -> "`" + s.code() + "`")
              .collect(Collectors.joining(", ")))
          .append(" | ").append(timeLimit(p.timeLimit())).append(" |\n");
    }
    for (PathwayDescriptor p : catalog.all()) {
      md.append("\n## ").append(p.name()).append("\n\n");
      md.append("`").append(p.code()).append("` · process `").append(p.processId()).append("` · `pathways-bpmn/src/main/resources/")
          .append(p.bpmnResource()).append("`\n\n");
      md.append("![").append(p.name()).append(" process](").append(picture(p)).append(")\n\n");
      md.append("**Opens when:** ").append(p.initiation().text()).append(source(p.initiation().source())).append("\n\n");
      md.append("**Opening fields:** ").append(p.openingFields().isEmpty() ? "none" : p.openingFields().stream()
          .map(f -> "`" + f.name() + "` (" + type(f) + ")" + source(f.source())).collect(Collectors.joining(", ")))
          .append("\n\n");
      if (p.parameterised()) {
        md.append("**Opened with a ").append(p.typeCodes().label()).append(" (`typeCode`)**, one open pathway per code: ")
            .append(p.typeCodes().codes().stream().map(c -> "`" + c.code() + "` " + c.name())
                .collect(Collectors.joining(", ")))
            .append(sourcesOf(p.typeCodes().codes().stream().map(TypeCodes.TypeCode::source).toList()))
            .append("\n\n");
      }
      md.append("| # | step | code | needs first | evidence | pays | data | rule | source |\n");
      md.append("|---|---|---|---|---|---|---|---|---|\n");
      int n = 1;
      for (StepDescriptor s : p.steps()) {
        md.append("| ").append(n++).append(" | ").append(s.name()).append(" | `").append(s.code()).append("` | ")
            .append(s.prerequisite() == null ? "—" : "`" + s.prerequisite() + "`").append(" | ")
            .append(s.evidenceRequired() ? "yes" : "—").append(" | ")
            .append(s.paymentPoint() ? (s.code().equals(p.outcomeStep()) ? "outcome" : "checkpoint") : "—").append(" | ")
            .append(s.dataFields().isEmpty() ? "—" : s.dataFields().stream().map(f -> "`" + f.name() + "` ("
                + type(f) + (f.processVariable() ? ", sent to the process" : "") + ")").collect(Collectors.joining(", ")))
            .append(" | ").append(rule(s)).append(" | ").append(word(s.source())).append(" |\n");
      }
      md.append("\n**Outcome:** step `").append(p.outcomeStep()).append("`, variants ")
          .append(p.outcomeVariants().stream().map(v -> "`" + v.code() + "` " + (v.meaning() == null ? "" : v.meaning())
              + source(v.source())).collect(Collectors.joining("; ")))
          .append("\n\n");
      md.append("**Evidence:** ").append(p.evidence() == null ? "not recorded" : "confirmed by " + p.evidence().confirmedBy()
          + "; how: " + p.evidence().method() + "; when: the date of the confirmation" + source(p.evidence().source()))
          .append("\n\n");
      md.append("**Time limit:** ").append(timeLimit(p.timeLimit())).append(source(p.timeLimit().source()))
          .append(p.timeLimit().note() == null ? "" : ". " + p.timeLimit().note()).append("\n\n");
      md.append("**Close reasons:** ").append(p.closeReasons().stream()
          .map(r -> "`" + r.reason() + "`" + source(r.source())).collect(Collectors.joining(", "))).append("\n");
    }
    return md.toString();
  }

  private static String openedWith(PathwayDescriptor p) {
    List<String> parts = new ArrayList<>();
    p.openingFields().forEach(f -> parts.add("`" + f.name() + "`"));
    if (p.parameterised()) parts.add(p.typeCodes().label() + " (" + p.typeCodes().codes().size() + " codes)");
    return parts.isEmpty() ? "—" : String.join(", ", parts);
  }

  private static String rule(StepDescriptor s) {
    List<String> rules = new ArrayList<>();
    if (s.waitsFor() != null) {
      rules.add("not before " + s.waitsFor().days() + " days after `" + s.waitsFor().afterStep() + "." + s.waitsFor().afterField()
          + "` (a timer" + source(s.waitsFor().source()) + ")");
    }
    if (s.within() != null) {
      rules.add("only before " + s.within().days() + " days after `" + s.within().afterStep() + "." + s.within().afterField()
          + "`" + source(s.within().source()));
    }
    if (s.finishesIncomplete() != null) {
      rules.add("finishes the pathway incomplete, `" + s.finishesIncomplete() + "`, whenever it comes");
    }
    return rules.isEmpty() ? "—" : String.join("; ", rules);
  }

  private static String timeLimit(TimeLimit limit) {
    return limit.days() + " days after " + (limit.afterField() == null ? "opening" : "`" + limit.afterField() + "`");
  }

  private static String type(FieldDescriptor f) {
    return f.type().name().toLowerCase(Locale.ROOT) + (f.required() ? ", required" : "");
  }

  private static String source(Source source) {
    return source == null ? "" : " *(" + word(source) + ")*";
  }

  private static String sourcesOf(List<Source> sources) {
    return source(sources.stream().distinct().count() == 1 ? sources.getFirst() : null);
  }

  private static String word(Source source) {
    return source == null ? "—" : source.name().toLowerCase(Locale.ROOT);
  }

  static String picture(PathwayDescriptor p) {
    String file = p.bpmnResource().substring(p.bpmnResource().lastIndexOf('/') + 1).replace(".bpmn", ".png");
    return "pathways/" + file;
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
  private static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
  }
}
