package org.voxbox.directory;

import java.util.UUID;

/** A person chose their own sign-in password in the portal. Published after it is stored; carries no password. */
public record PasswordChanged(UUID personId, UUID orgId) {
}
