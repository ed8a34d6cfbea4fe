/**
 * The OpenAPI description the HUB serves at /v3/api-docs: where the API is, who may call each operation, the
 * limits it enforces and the problem documents it answers with, all read from what the server really does.
 */
package org.communityhub.api.openapi;
