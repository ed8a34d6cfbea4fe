package org.communityhub.api.admin;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.registry.ClientMerging;
import org.communityhub.engine.registry.ClientMerging.Merge;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Merging two records of one person, in two steps: propose (shows what would move and what is in the
 * way), then confirm. The path names the surviving record.
 */
@RestController
class ClientMergeController {

  private final ClientMerging merging;
  private final CurrentActor actor;

  ClientMergeController(ClientMerging merging, CurrentActor actor) {
    this.merging = merging;
    this.actor = actor;
  }

  @PostMapping("/admin/clients/{clientId}/merges")
  @ApiResponse(responseCode = "409", description = "One of the records was already merged into another (`mergedInto`).")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<Merge> propose(@PathVariable UUID clientId,
      @Valid @RequestBody ClientMerging.MergeRequest request) {
    Merge merge = merging.propose(clientId, request, actor.get());
    return ResponseEntity.created(URI.create("/admin/clients/" + clientId + "/merges/" + merge.id())).body(merge);
  }

  @GetMapping("/admin/clients/{clientId}/merges/{mergeId}")
  Merge find(@PathVariable UUID clientId, @PathVariable UUID mergeId) {
    return merging.find(clientId, mergeId, actor.get());
  }

  @PostMapping("/admin/clients/{clientId}/merges/{mergeId}/confirm")
  @ApiResponse(responseCode = "409", description = """
      Not now: something is in the way (`obstacles`, each with its remedy), a record changed since the \
      proposal, or the merge was already confirmed.""")
  Merge confirm(@PathVariable UUID clientId, @PathVariable UUID mergeId) {
    return merging.confirm(clientId, mergeId, actor.get());
  }
}
