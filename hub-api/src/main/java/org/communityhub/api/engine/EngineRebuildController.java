package org.communityhub.api.engine;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.workflow.EngineRebuild;
import org.communityhub.engine.workflow.RebuildProgress;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilding engine state from PostgreSQL (after the broker lost its data, or to move to a cluster), and its
 * progress. HUB administrators only (the security chain guards /admin/**). See docs/operations.md.
 */
@RestController
class EngineRebuildController {

  private final EngineRebuild rebuild;
  private final CurrentActor actor;

  EngineRebuildController(EngineRebuild rebuild, CurrentActor actor) {
    this.rebuild = rebuild;
    this.actor = actor;
  }

  /** Which pathways to rebuild: leave {@code pathwayIds} out (or send no body) for every open pathway. */
  record RebuildRequest(@Size(min = 1, max = 1000) List<@NotNull UUID> pathwayIds) {}

  /** Starts a rebuild in the background; follow it at the Location. */
  @PostMapping("/admin/engine/rebuilds")
  @ApiResponse(responseCode = "202", description = "The rebuild started; its progress is at the Location.")
  @ApiResponse(responseCode = "409", description = "Another rebuild is running.")
  ResponseEntity<RebuildProgress> start(@Valid @RequestBody(required = false) RebuildRequest request) {
    RebuildProgress started = rebuild.start(request == null ? null : request.pathwayIds(), actor.get());
    return ResponseEntity.accepted().location(URI.create("/admin/engine/rebuilds/" + started.id())).body(started);
  }

  /** Phase, pathways done, total and failed, start and end. */
  @GetMapping("/admin/engine/rebuilds/{id}")
  RebuildProgress progress(@PathVariable UUID id) {
    return rebuild.progress(id);
  }
}
