/** Client registration and checklists over HTTP. */
package org.communityhub.api.client;
