package org.voxbox.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's entry points: the sign-in page (Spring Security handles the POST) and the root. */
@Controller
class PortalPages {

	@GetMapping("/signin")
	String signIn() {
		return "signin";
	}

	@GetMapping("/")
	String root() {
		return "redirect:/profile";
	}
}
