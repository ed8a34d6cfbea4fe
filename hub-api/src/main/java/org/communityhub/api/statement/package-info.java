/** Monthly payment statements of a payer over HTTP (JSON, CSV, PDF), their closing and the member-level export. */
package org.communityhub.api.statement;
