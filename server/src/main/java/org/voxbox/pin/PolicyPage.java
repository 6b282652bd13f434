package org.voxbox.pin;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.voxbox.pinpolicy.PinPolicy;
import org.voxbox.pinpolicy.PinRule;
import org.voxbox.web.ApiError;
import org.voxbox.web.ApiException;
import org.voxbox.web.Texts;

/** The administrator's PIN policy form: every setting of the spec, with its allowed range. */
@Controller
class PolicyPage {

	/** The rules an administrator may switch, in the spec's order. */
	static final List<PinRule> SWITCHABLE = EnumSet.allOf(PinRule.class).stream().filter(r -> !r.alwaysOn()).toList();

	private final PinPolicies policies;

	private final PolicyUpdate updates;

	PolicyPage(PinPolicies policies, PolicyUpdate updates) {
		this.policies = policies;
		this.updates = updates;
	}

	/** The form's values, as shown (and as typed back after an error). */
	record Form(int minLength, int maxLength, boolean historyDefault, int historyDepth, int maxRepeatedDigit,
			Set<PinRule> rules, int minDistinctDigits, int maxAscendingRun, int maxDescendingRun, int minDaysBetweenChanges,
			boolean expiryEnabled, int expiryDays, boolean lockoutEnabled, int maxFailedAttempts, boolean government,
			boolean defaultPinEnabled, boolean defaultPinStored) {

		static Form of(PinPolicies.Stored s) {
			PinPolicy p = s.policy();
			return new Form(p.minLength(), p.maxLength(), s.historyOverride() == null, p.historyDepth(), p.maxRepeatedDigit(),
					EnumSet.copyOf(p.enabledRules().isEmpty() ? EnumSet.noneOf(PinRule.class) : p.enabledRules()),
					p.minDistinctDigits(), p.maxAscendingRun(), p.maxDescendingRun(), p.minDaysBetweenChanges(),
					p.expiryEnabled(), p.expiryDays(), p.lockoutEnabled(), p.maxFailedAttempts(), s.government(),
					s.defaultPinEnabled(), s.defaultPinVerifier() != null);
		}

		public boolean on(PinRule rule) {
			return rules.contains(rule);
		}
	}

	@GetMapping("/admin/policy")
	String show(@AuthenticationPrincipal Caller caller, Model model) {
		caller.requireAdminPage();
		return render(caller, Form.of(policies.load(caller.orgId())), null, model);
	}

	@PostMapping("/admin/policy")
	String save(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model,
			RedirectAttributes redirect) {
		caller.requireAdminPage();
		PinPolicies.Stored stored = policies.load(caller.orgId());
		Form form;
		try {
			form = parse(params, stored);
		}
		catch (NumberFormatException ex) {
			return render(caller, Form.of(stored), List.of(Texts.get("pin", "error.policyNumbers", caller.locale())), model);
		}
		try {
			PinPolicy policy = new PinPolicy(form.minLength(), form.maxLength(), PinPolicy.DEFAULT_HISTORY_DEPTH,
					form.maxRepeatedDigit(), form.rules(), form.minDistinctDigits(), form.maxAscendingRun(),
					form.maxDescendingRun(), form.minDaysBetweenChanges(), form.expiryEnabled(), form.expiryDays(),
					form.lockoutEnabled(), form.maxFailedAttempts());
			String defaultPin = params.getOrDefault("defaultPin", "");
			updates.save(caller, Channel.PORTAL, new PolicyUpdate.Change(policy,
					form.historyDefault() ? null : form.historyDepth(), form.government(), form.defaultPinEnabled(),
					defaultPin.isEmpty() ? null : defaultPin));
		}
		catch (IllegalArgumentException ex) {
			return render(caller, form, List.of(Texts.get("pin", "error.policyInvalid", caller.locale(), ex.getMessage())), model);
		}
		catch (ApiException rejected) {
			return render(caller, form, rejected.errors().stream().map(ApiError.Detail::description).toList(), model);
		}
		redirect.addFlashAttribute("saved", true);
		return "redirect:/admin/policy";
	}

	private String render(Caller caller, Form form, @Nullable List<String> errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("switchable", SWITCHABLE);
		model.addAttribute("defaultDepth", policies.systemHistoryDepth(false));
		model.addAttribute("governmentDepth", policies.systemHistoryDepth(true));
		if (errors != null) {
			model.addAttribute("errors", errors);
		}
		return "pin/policy";
	}

	private static Form parse(Map<String, String> p, PinPolicies.Stored stored) {
		Set<PinRule> rules = EnumSet.noneOf(PinRule.class);
		for (PinRule rule : SWITCHABLE) {
			if (p.containsKey("rule-" + rule.name())) {
				rules.add(rule);
			}
		}
		return new Form(number(p, "minLength"), number(p, "maxLength"), p.containsKey("historyDefault"),
				number(p, "historyDepth"), number(p, "maxRepeatedDigit"), rules, number(p, "minDistinctDigits"),
				number(p, "maxAscendingRun"), number(p, "maxDescendingRun"), number(p, "minDaysBetweenChanges"),
				p.containsKey("expiryEnabled"), number(p, "expiryDays"), p.containsKey("lockoutEnabled"),
				number(p, "maxFailedAttempts"), p.containsKey("government"), p.containsKey("defaultPinEnabled"),
				stored.defaultPinVerifier() != null);
	}

	private static int number(Map<String, String> params, String name) {
		String value = params.getOrDefault(name, "").strip();
		if (value.length() > 9) {
			throw new NumberFormatException(name);
		}
		return Integer.parseInt(value);
	}
}
