package org.communityhub.api.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.checklist.ChecklistDefinition;
import org.communityhub.engine.checklist.ChecklistPublishing;
import org.communityhub.engine.checklist.PublishedChecklist;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The checklists CHWs fill in, as versioned definitions: every member reads the active ones; a HUB
 * administrator publishes a new version (201), or repeats the latest (200, nothing published).
 */
@RestController
class ChecklistDefinitionController {

  private final ChecklistPublishing publishing;
  private final CurrentActor actor;

  ChecklistDefinitionController(ChecklistPublishing publishing, CurrentActor actor) {
    this.publishing = publishing;
    this.actor = actor;
  }

  /** One version of a checklist; versions lists them all when one kind is asked for. */
  record ChecklistDefinitionView(int version, boolean active, Instant publishedAt, ChecklistDefinition definition,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<VersionView> versions) {

    static ChecklistDefinitionView of(PublishedChecklist published, List<PublishedChecklist> versions) {
      return new ChecklistDefinitionView(published.version(), published.active(), published.publishedAt(),
          published.definition(), versions == null ? null : versions.stream().map(VersionView::of).toList());
    }
  }

  record VersionView(int version, boolean active, Instant publishedAt, String checksum) {

    static VersionView of(PublishedChecklist published) {
      return new VersionView(published.version(), published.active(), published.publishedAt(), published.checksum());
    }
  }

  @GetMapping("/checklist-definitions")
  List<ChecklistDefinitionView> active() {
    return publishing.allActive().stream().map(published -> ChecklistDefinitionView.of(published, null)).toList();
  }

  @GetMapping("/checklist-definitions/{kind}")
  ChecklistDefinitionView kind(@PathVariable @Size(max = 32) @Pattern(regexp = "[A-Z][A-Z0-9_]{0,31}") String kind) {
    List<PublishedChecklist> versions = publishing.versions(kind);
    return ChecklistDefinitionView.of(versions.stream().filter(PublishedChecklist::active).findFirst()
        .orElse(versions.getLast()), versions);
  }

  @PostMapping("/admin/checklist-definitions")
  ResponseEntity<ChecklistDefinitionView> publish(@Valid @RequestBody ChecklistDefinition definition) {
    ChecklistPublishing.Publication publication = publishing.publish(definition, actor.get());
    ChecklistDefinitionView view = ChecklistDefinitionView.of(publication.checklist(), null);
    return publication.created()
        ? ResponseEntity.created(URI.create("/checklist-definitions/" + definition.kind())).body(view)
        : ResponseEntity.ok(view);
  }
}
