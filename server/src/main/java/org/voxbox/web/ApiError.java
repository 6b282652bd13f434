package org.voxbox.web;

import java.util.List;

/**
 * The Webex error body: {@code {message, errors:[{errorCode, code, description}], trackingId}}.
 *
 * @param message a summary for people
 * @param errors one entry per problem (one per broken PIN rule)
 * @param trackingId the id of this request, also in the {@code TrackingID} response header
 */
public record ApiError(String message, List<Detail> errors, String trackingId) {

	/**
	 * @param errorCode stable number of the problem
	 * @param code stable name of the problem (a PIN violation code, or e.g. {@code NOT_FOUND})
	 * @param description the problem in the caller's language
	 */
	public record Detail(int errorCode, String code, String description) {
	}
}
