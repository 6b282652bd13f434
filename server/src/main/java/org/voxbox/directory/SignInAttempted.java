package org.voxbox.directory;

import java.util.UUID;

/**
 * Someone offered the password of a known account: in the portal, or with HTTP Basic for an API token. Published
 * after the check, outside any transaction; an unknown email (no organisation to file it under) and an attempt the
 * throttle refused unchecked are not published. Carries no password.
 *
 * @param address the client address as Tomcat resolved it: the transport address, or what a trusted proxy forwarded
 */
public record SignInAttempted(UUID personId, UUID orgId, Channel channel, String address, boolean succeeded) {
}
