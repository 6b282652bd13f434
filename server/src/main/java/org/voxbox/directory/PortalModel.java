package org.voxbox.directory;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in {@link Caller} into every portal page's model, for the navigation. */
@ControllerAdvice(annotations = Controller.class)
class PortalModel {

	@ModelAttribute("caller")
	@Nullable Caller caller() {
		return current();
	}

	static @Nullable Caller current() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof Caller caller ? caller : null;
	}
}
