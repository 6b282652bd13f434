package org.voxbox.mailbox;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.voxbox.directory.Caller;
import org.voxbox.directory.Channel;
import org.voxbox.directory.DirectorySettings;
import org.voxbox.web.Texts;

/** The administrator's form of the organisation's transfer destinations: national numbers and allowed prefixes. */
@Controller
class TransferPolicyPage {

	private final TransferPolicies policies;

	private final TransferPolicyUpdate updates;

	private final DirectorySettings directory;

	TransferPolicyPage(TransferPolicies policies, TransferPolicyUpdate updates, DirectorySettings directory) {
		this.policies = policies;
		this.updates = updates;
		this.directory = directory;
	}

	/** The form's values, as shown (and as typed back after an error); the prefixes one per line. */
	record Form(boolean nationalNumbers, String allowedPrefixes) {

		static Form of(TransferPolicy policy) {
			return new Form(policy.nationalNumbers(), String.join("\n", policy.allowedPrefixes()));
		}
	}

	@GetMapping("/admin/transfers")
	String show(@AuthenticationPrincipal Caller caller, Model model) {
		caller.requireAdminPage();
		return render(Form.of(policies.load(caller.orgId())), null, model);
	}

	/** Prefixes may be separated by new lines, spaces, commas or semicolons. */
	@PostMapping("/admin/transfers")
	String save(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) @Nullable String nationalNumbers,
			@RequestParam(defaultValue = "") String allowedPrefixes, Model model, RedirectAttributes redirect) {
		caller.requireAdminPage();
		Form form = new Form(nationalNumbers != null, allowedPrefixes);
		List<String> prefixes = Arrays.stream(allowedPrefixes.strip().split("[\\s,;]+")).filter(p -> !p.isEmpty()).toList();
		try {
			updates.change(caller, Channel.PORTAL, policy -> new TransferPolicy(form.nationalNumbers(), prefixes));
		}
		catch (IllegalArgumentException ex) {
			return render(form, List.of(Texts.get("mailbox", "error.transferPolicyInvalid", caller.locale(), ex.getMessage())),
					model);
		}
		redirect.addFlashAttribute("saved", true);
		return "redirect:/admin/transfers";
	}

	private String render(Form form, @Nullable List<String> errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("region", directory.phoneRegion().isEmpty() ? null : directory.phoneRegion());
		if (errors != null) {
			model.addAttribute("errors", errors);
		}
		return "mailbox/transfers";
	}
}
