package org.communityhub.api.definition;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.definition.DefinitionPublishing.Publication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A HUB administrator publishes a pathway: the BPMN file from Camunda Modeler plus its descriptor, as two
 * parts of one upload. 201 for a new version, 200 when the upload repeats the latest one.
 */
@RestController
class DefinitionPublishingController {

  private final DefinitionPublishing publishing;
  private final CurrentActor actor;

  DefinitionPublishingController(DefinitionPublishing publishing, CurrentActor actor) {
    this.publishing = publishing;
    this.actor = actor;
  }

  @PostMapping(path = "/admin/pathway-definitions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<DefinitionView> publish(@RequestPart("descriptor") MultipartFile descriptor,
      @RequestPart("bpmn") MultipartFile bpmn) throws IOException {
    Publication publication = publishing.publish(new String(descriptor.getBytes(), StandardCharsets.UTF_8),
        bpmn.getBytes(), actor.get());
    String code = publication.definition().code();
    DefinitionView view = DefinitionView.of(publishing.versions(code).stream()
        .filter(version -> version.id().equals(publication.definition().id())).findFirst().orElseThrow(), null);
    return publication.created()
        ? ResponseEntity.created(URI.create("/pathway-definitions/" + code)).body(view)
        : ResponseEntity.ok(view);
  }
}
