package org.communityhub.api.contract;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.payment.ContractAuthoring;
import org.communityhub.engine.payment.PayerContract;
import org.communityhub.engine.payment.Payers;
import org.communityhub.engine.payment.UnpricedMilestones;
import org.communityhub.engine.support.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payers and their contracts, for HUB administrators (the security chain keeps /admin/** to them). A
 * retry of a create answers 200 with what the first request wrote.
 */
@RestController
class PayerContractController {

  private final Payers payers;
  private final ContractAuthoring contracts;
  private final UnpricedMilestones unpriced;
  private final CurrentActor actor;

  PayerContractController(Payers payers, ContractAuthoring contracts, UnpricedMilestones unpriced,
      CurrentActor actor) {
    this.payers = payers;
    this.contracts = contracts;
    this.unpriced = unpriced;
    this.actor = actor;
  }

  @PostMapping("/admin/payers")
  @ApiResponse(responseCode = "409",
      description = "Another payer already has this code.")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<Payers.Payer> registerPayer(@Valid @RequestBody Payers.NewPayer request) {
    Payers.Registered registered = payers.register(request);
    return written(registered.created(), "/admin/payers/" + registered.payer().code(), registered.payer());
  }

  @PostMapping("/admin/payer-contracts")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<PayerContract> create(@Valid @RequestBody ContractAuthoring.NewContract request) {
    ContractAuthoring.Written written = contracts.create(request, actor.get());
    return written(written.created(), "/admin/payer-contracts/" + written.contract().id(), written.contract());
  }

  @GetMapping("/admin/payer-contracts")
  List<PayerContract> ofPayer(@RequestParam @Size(max = 64) String payer) {
    return contracts.ofPayer(payer);
  }

  @GetMapping("/admin/payer-contracts/{contractId}")
  PayerContract find(@PathVariable UUID contractId) {
    return contracts.find(contractId);
  }

  /** Sets the contract's last day (effectiveTo); asking for the day it already has writes nothing. */
  @PostMapping("/admin/payer-contracts/{contractId}/end")
  PayerContract end(@PathVariable UUID contractId, @Valid @RequestBody ContractAuthoring.Ending ending) {
    return contracts.end(contractId, ending);
  }

  /** Milestones earned but not billed because no contract of the payer priced their day. */
  @GetMapping("/admin/unpriced-milestones")
  List<UnpricedMilestones.Unpriced> unpriced(@RequestParam @Size(max = 64) String payer) {
    return unpriced.ofPayer(payers.idOf(payer).orElseThrow(() -> new InvalidInput("payer", "unknown payer code")));
  }

  private static <T> ResponseEntity<T> written(boolean created, String location, T body) {
    return created ? ResponseEntity.created(URI.create(location)).body(body) : ResponseEntity.ok(body);
  }
}
