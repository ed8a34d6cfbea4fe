package org.communityhub.api.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.communityhub.engine.definition.PathwayDefinition;
import org.communityhub.pathways.AllowedCloseReason;
import org.communityhub.pathways.FieldDescriptor;
import org.communityhub.pathways.OutcomeEvidence;
import org.communityhub.pathways.OutcomeVariant;
import org.communityhub.pathways.PathwayDescriptor;
import org.communityhub.pathways.SourcedText;
import org.communityhub.pathways.StepDescriptor;
import org.communityhub.pathways.TimeLimit;
import org.communityhub.pathways.TypeCodes;

/**
 * One version of a pathway definition as the API shows it: which version, the engine's key for it, and the
 * descriptor's content, each part with its source. The BPMN itself is at {@code bpmn}.
 *
 * @param versions every published version, oldest first; only when one pathway is asked for
 */
record DefinitionView(String code, String name, int version, boolean active, Long engineKey, Instant publishedAt,
    String processId, SourcedText initiation, List<FieldDescriptor> openingFields, TypeCodes typeCodes,
    List<StepDescriptor> steps, Outcome outcome, OutcomeEvidence evidence, TimeLimit timeLimit,
    List<AllowedCloseReason> closeReasons, String bpmn, @JsonInclude(JsonInclude.Include.NON_NULL) List<Version> versions) {

  /** The step that confirms the outcome and the variants a payment can name. */
  record Outcome(String step, List<OutcomeVariant> variants) {}

  record Version(int version, boolean active, Long engineKey, Instant publishedAt, String checksum) {

    static Version of(PathwayDefinition definition) {
      return new Version(definition.version(), definition.active(), definition.engineKey(),
          definition.publishedAt(), definition.checksum());
    }
  }

  static DefinitionView of(PathwayDefinition definition, List<PathwayDefinition> versions) {
    PathwayDescriptor d = definition.descriptor();
    return new DefinitionView(d.code(), d.name(), definition.version(), definition.active(), definition.engineKey(),
        definition.publishedAt(), d.processId(), d.initiation(), d.openingFields(), d.typeCodes(), d.steps(),
        new Outcome(d.outcomeStep(), d.outcomeVariants()), d.evidence(), d.timeLimit(), d.closeReasons(),
        "/pathway-definitions/" + d.code() + "/bpmn?version=" + definition.version(),
        versions == null ? null : versions.stream().map(Version::of).toList());
  }
}
