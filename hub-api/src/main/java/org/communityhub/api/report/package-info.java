/** Funder-facing reports over HTTP, in JSON and CSV. */
package org.communityhub.api.report;
