package org.communityhub.api.client;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.communityhub.api.security.CurrentActor;
import org.communityhub.engine.contact.ClientContacts;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Visits, calls and attempts to reach a client. A retry with the same Idempotency-Key records one contact. */
@RestController
class ContactController {

  private final ClientContacts contacts;
  private final CurrentActor actor;

  ContactController(ClientContacts contacts, CurrentActor actor) {
    this.contacts = contacts;
    this.actor = actor;
  }

  @PostMapping("/clients/{clientId}/contacts")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<ClientContacts.Contact> record(@PathVariable UUID clientId,
      @Valid @RequestBody ClientContacts.NewContact contact) {
    ClientContacts.Contact recorded = contacts.record(clientId, contact, actor.get());
    return ResponseEntity.created(URI.create("/clients/" + clientId + "/contacts")).body(recorded);
  }

  /** The client's contacts, newest first (at most 500), whichever agency made them. */
  @GetMapping("/clients/{clientId}/contacts")
  List<ClientContacts.Contact> list(@PathVariable UUID clientId) {
    return contacts.ofClient(clientId, actor.get());
  }
}
