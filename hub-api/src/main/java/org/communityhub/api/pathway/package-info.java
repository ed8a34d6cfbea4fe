/** Opening pathways, recording their steps and closing them over HTTP. */
package org.communityhub.api.pathway;
