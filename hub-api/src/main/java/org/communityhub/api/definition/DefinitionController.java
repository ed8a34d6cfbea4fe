package org.communityhub.api.definition;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.definition.PathwayDefinition;
import org.communityhub.engine.support.NotFound;
import org.communityhub.pathways.PathwayDescriptor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The pathway catalog from PostgreSQL: the active definition of every pathway, one pathway's versions, a BPMN. */
@RestController
class DefinitionController {

  private final DefinitionPublishing definitions;

  DefinitionController(DefinitionPublishing definitions) {
    this.definitions = definitions;
  }

  @GetMapping("/pathway-definitions")
  List<DefinitionView> catalog() {
    return definitions.activeDefinitions().stream().map(definition -> DefinitionView.of(definition, null)).toList();
  }

  /** The active version, with the list of every version. */
  @GetMapping("/pathway-definitions/{code}")
  DefinitionView definition(@PathVariable @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String code) {
    List<PathwayDefinition> versions = definitions.versions(code);
    return DefinitionView.of(versions.stream().filter(PathwayDefinition::active).findFirst().orElse(versions.getLast()),
        versions);
  }

  /** The BPMN of the active version, or of the version asked for: the file Camunda Modeler opens. */
  @GetMapping("/pathway-definitions/{code}/bpmn")
  ResponseEntity<byte[]> bpmn(@PathVariable @Size(max = 64) @Pattern(regexp = PathwayDescriptor.CODE_PATTERN) String code,
      @RequestParam(required = false) @Min(1) Integer version) {
    List<PathwayDefinition> versions = definitions.versions(code);
    PathwayDefinition definition = versions.stream()
        .filter(v -> version == null ? v.active() : v.version() == version)
        .findFirst()
        .orElseThrow(() -> new NotFound("Pathway definition " + code + " version", version));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
        .header("Content-Disposition", "inline; filename=\"" + definition.resourceName() + "\"")
        .body(definition.bpmn());
  }
}
