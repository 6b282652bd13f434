package org.voxbox.directory;

import java.util.Locale;
import java.util.UUID;

/**
 * The authenticated person behind a request.
 *
 * @param personId who is calling
 * @param orgId their organisation; an administrator manages only this one
 * @param role what they may do
 * @param locale their language, for every text the API returns
 */
public record Caller(UUID personId, UUID orgId, Role role, Locale locale) {

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}

	/**
	 * For the administrator's portal pages: to anyone but an administrator they do not exist (404, like another
	 * person's page), so their addresses cannot be probed.
	 */
	public void requireAdminPage() {
		if (!isAdmin()) {
			throw DirectoryErrors.personNotFound(locale);
		}
	}

	/** Refuses the request with 403 unless the caller is an administrator. */
	public void requireAdmin() {
		if (!isAdmin()) {
			throw DirectoryErrors.adminOnly(locale);
		}
	}
}
