package org.communityhub.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.communityhub.engine.support.InvalidInput;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Writes resources and searchset Bundles with HAPI's R4 JSON parser, as application/fhir+json. */
@Component
class FhirJson {

  static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

  private final FhirContext context = FhirContext.forR4Cached();

  FhirContext context() {
    return context;
  }

  ResponseEntity<String> answer(Resource resource) {
    return ResponseEntity.ok().contentType(FHIR_JSON).body(context.newJsonParser().encodeResourceToString(resource));
  }

  ResponseEntity<String> created(String location, Resource resource) {
    return ResponseEntity.created(java.net.URI.create(location)).contentType(FHIR_JSON)
        .body(context.newJsonParser().encodeResourceToString(resource));
  }

  /** A posted resource of this type; anything else, or JSON HAPI cannot read, is refused naming the element. */
  <R extends Resource> R read(String body, Class<R> type) {
    IBaseResource parsed;
    try {
      parsed = context.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(body);
    } catch (DataFormatException | IllegalArgumentException unreadable) {
      String why = unreadable.getMessage() == null ? "" : unreadable.getMessage().replaceAll("\\s+", " ");
      throw new InvalidInput("body", "is not a FHIR R4 resource in JSON: "
          + (why.length() > 300 ? why.substring(0, 300) : why));
    }
    if (!type.isInstance(parsed)) {
      throw new InvalidInput("resourceType", "must be " + type.getSimpleName());
    }
    return type.cast(parsed);
  }

  ResponseEntity<String> searchset(List<? extends Resource> matches) {
    String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir/").toUriString();
    Bundle bundle = new Bundle();
    bundle.setType(Bundle.BundleType.SEARCHSET);
    bundle.setTotal(matches.size());
    bundle.getMeta().setLastUpdated(new java.util.Date());
    bundle.addLink().setRelation("self").setUrl(ServletUriComponentsBuilder.fromCurrentRequest().toUriString());
    matches.forEach(resource -> bundle.addEntry()
        .setFullUrl(base + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
        .setResource(resource)
        .getSearch().setMode(Bundle.SearchEntryMode.MATCH));
    return answer(bundle);
  }
}
