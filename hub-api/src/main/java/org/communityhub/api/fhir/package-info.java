/** FHIR R4 exchange in the shape of the SDOH Clinical Care IG: the client's record read as FHIR resources (docs/fhir.md). */
package org.communityhub.api.fhir;
